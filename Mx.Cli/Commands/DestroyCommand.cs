using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;

namespace Mx.Cli.Commands;

/// <summary><c>mx destroy GENERATOR</c>: takes a generator out of the project again, keeping every file the user changed unless told otherwise.</summary>
internal static class DestroyCommand
{
    public static Command Create(CommandContext context)
    {
        var name = new Argument<string>("generator") { Description = "The applied generator to remove (see 'mx state show')" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed, with diffs, and write nothing (exit 3 when there are conflicts)" };
        var noInput = new Option<bool>("--no-input") { Description = "Never prompt: conflicts are decided by --conflicts, or nothing is written" };
        var force = new Option<bool>("--force") { Description = "Remove files you changed too (yours are backed up under .mx/backup/); same as --conflicts theirs" };
        var conflicts = ConflictOption.Create();
        var command = new Command("destroy",
            "Remove what a generator added: its untouched files, its deployments and its entry in state. Example: mx destroy DistributedTraining")
        {
            name, dryRun, noInput, force, conflicts,
        };
        command.SetAction(parsed =>
        {
            var interactive = !parsed.GetValue(noInput) && !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;
            var service = new GenerationService(context.Catalog, prompter: null, interactive ? new SpectreConflictPrompter(context.Console) : null);
            var outcome = service.Destroy(new DestroyRequest(parsed.GetValue(name)!, context.WorkingDirectory)
            {
                DryRun = parsed.GetValue(dryRun),
                Force = parsed.GetValue(force),
                Conflicts = ConflictOption.Parse(parsed.GetValue(conflicts)),
            });
            return (int)OutcomeReport.Print(context, outcome, parsed.GetValue(dryRun), parsed.GetValue(MxApp.Verbose), done: "removed from");
        });
        return command;
    }
}
