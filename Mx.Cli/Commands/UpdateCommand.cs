using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx update [GENERATOR...]</c>: brings this mx's templates into the project, keeping the user's edits through the
/// same three-way merge as <c>mx generate</c>. <c>--check</c> is the CI gate: exit 1 when the project is behind.
/// </summary>
internal static class UpdateCommand
{
    public static Command Create(CommandContext context)
    {
        var names = new Argument<string[]>("generator") { Description = "Generators to update (default: every generator the project applied)", Arity = ArgumentArity.ZeroOrMore };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 and show what would change when the project is behind this mx's templates" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, with diffs, and write nothing (exit 3 when there are conflicts)" };
        var noInput = new Option<bool>("--no-input") { Description = "Never prompt: conflicts are decided by --conflicts, or nothing is written" };
        var force = new Option<bool>("--force") { Description = "Overwrite files you changed with mx's version (yours are backed up under .mx/backup/); same as --conflicts theirs" };
        var conflicts = ConflictOption.Create();
        var command = new Command("update",
            "Re-render the project's generators with this mx's templates, keeping your edits. Example: mx update; mx update --check (in CI)")
        {
            names, check, dryRun, noInput, force, conflicts,
        };
        command.SetAction(parsed =>
        {
            var checking = parsed.GetValue(check);
            var interactive = !checking && !parsed.GetValue(noInput) && !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;
            var service = new GenerationService(context.Catalog, interactive ? new SpectrePrompter(context.Console) : null,
                interactive ? new SpectreConflictPrompter(context.Console) : null);
            var outcomes = service.Update(new UpdateRequest(context.WorkingDirectory)
            {
                Generators = parsed.GetValue(names) ?? [],
                DryRun = checking || parsed.GetValue(dryRun),
                Force = parsed.GetValue(force),
                Conflicts = ConflictOption.Parse(parsed.GetValue(conflicts)),
            });
            if (checking) return (int)CheckReport(context, outcomes);
            var worst = ExitCode.Success;
            foreach (var outcome in outcomes)
            {
                var code = OutcomeReport.Print(context, outcome, parsed.GetValue(dryRun), parsed.GetValue(MxApp.Verbose));
                if (code > worst) worst = code;
                if (outcome.Quit) break;
            }
            return (int)worst;
        });
        return command;
    }

    private static ExitCode CheckReport(CommandContext context, IReadOnlyList<GenerateOutcome> outcomes)
    {
        var behind = outcomes.Where(o => !o.ChangesNothing).ToArray();
        if (behind.Length == 0)
        {
            context.Report.Line($"Up to date: {string.Join(", ", outcomes.Select(o => o.Generator.Name))} would change nothing.");
            return ExitCode.Success;
        }
        foreach (var outcome in behind) OutcomeReport.Print(context, outcome, dryRun: true);
        context.Report.Line($"Behind: {string.Join(", ", behind.Select(o => o.Generator.Name))} would change files. Run 'mx update' and commit the result.");
        return ExitCode.Failed;
    }
}
