using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Generators.BuiltIn.Queues;
using Mx.Generators.BuiltIn.Reaper;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx team add/list/remove</c>: the teams of the GPU queues. A team is an answer of GpuQueues, so adding or removing
/// one re-renders GpuQueues through the same lock, three-way merge, conflict policy and dry run as <c>mx generate</c>.
/// </summary>
internal static class TeamCommand
{
    public static Command Create(CommandContext context)
    {
        var command = new Command("team", "Teams of the GPU queues: a namespace, LocalQueues, a GPU quota and RBAC per team. Example: mx team add vision --members ada@acme.ai")
        {
            Add(context), List(context), Remove(context),
        };
        return command;
    }

    private static Command Add(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The team's name (a DNS label starting with a letter); its namespace is team-<name>" };
        var members = new Option<string>("--members") { Required = true, HelpName = "a@x,b@x", Description = "The members' Google accounts, who may submit and read jobs in the team's namespace" };
        var quota = new Option<string?>("--quota") { HelpName = "SHAPE=N,...", Description = "GPUs the team may use per GPU shape (default: as many as the pools hold)" };
        var (dryRun, force, conflicts) = ChangeOptions();
        var command = new Command("add", "Add a team. Example: mx team add vision --members ada@acme.ai,alan@acme.ai --quota l4-2=2")
        {
            name, members, quota, dryRun, force, conflicts,
        };
        command.SetAction(parsed =>
        {
            var quotas = new List<(string, int)>();
            foreach (var entry in Split(parsed.GetValue(quota)))
            {
                var equals = entry.LastIndexOf('=');
                if (equals <= 0 || !int.TryParse(entry.AsSpan(equals + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var gpus))
                    throw new MxException($"--quota {entry}: give SHAPE=N, a number of GPUs of a GPU shape, such as l4-2=4. Nothing was written.");
                quotas.Add((entry[..equals], gpus));
            }
            var team = new QueueTeam(parsed.GetValue(name)!, Split(parsed.GetValue(members)), quotas);
            return Change(context, parsed, state => QueueTeams.Add(state, team), dryRun, force, conflicts);
        });
        return command;
    }

    private static Command Remove(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The team to remove, with its namespace, queues and accounts" };
        var (dryRun, force, conflicts) = ChangeOptions();
        var command = new Command("remove", "Remove a team: the next 'mx up' deletes its namespace (and the jobs in it). Example: mx team remove vision")
        {
            name, dryRun, force, conflicts,
        };
        command.SetAction(parsed => Change(context, parsed, state => QueueTeams.Remove(state, parsed.GetValue(name)!), dryRun, force, conflicts));
        return command;
    }

    private static Command List(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var command = new Command("list", "List the teams with their members, quotas and namespaces. Example: mx team list --json") { json };
        command.SetAction(parsed =>
        {
            var root = ProjectPaths.RequireProjectRoot(context.WorkingDirectory);
            var state = StateFile.Load(root)!;
            var teams = QueueTeams.Current(state);
            var queues = GpuQueues.Queues(state.Answers);
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, teams.Select(t => new
                {
                    t.Name,
                    t.Namespace,
                    t.Members,
                    Quota = t.Quota.ToDictionary(q => q.Shape, q => q.Gpus),
                    GpuLimit = t.GpuLimit(queues),
                }).ToArray());
                return 0;
            }
            if (teams.Count == 0)
            {
                context.Report.Line("No teams yet; add one with 'mx team add NAME --members a@x,b@x'.");
                return 0;
            }
            var table = new Table().AddColumns("Team", "Namespace", "Members", "GPU quota");
            foreach (var t in teams)
                table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Namespace), Markup.Escape(string.Join(", ", t.Members)),
                    Markup.Escape(t.Quota.Count == 0 ? $"{t.GpuLimit(queues)} (the pools)" : string.Join(", ", t.Quota.Select(q => $"{q.Shape}={q.Gpus}"))));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static (Option<bool> DryRun, Option<bool> Force, Option<string?> Conflicts) ChangeOptions() =>
    (
        new Option<bool>("--dry-run") { Description = "Show what would change, with diffs, and write nothing (exit 3 when there are conflicts)" },
        new Option<bool>("--force") { Description = "Overwrite files you changed with mx's version (yours are backed up under .mx/backup/); same as --conflicts theirs" },
        ConflictOption.Create()
    );

    private static int Change(CommandContext context, ParseResult parsed, Func<ProjectState, Answers> amend, Option<bool> dryRun, Option<bool> force, Option<string?> conflicts)
    {
        var root = ProjectPaths.RequireProjectRoot(context.WorkingDirectory);
        // Without GpuQueues there is nothing to render; said before the generator would complain about a missing answer.
        QueueTeams.Current(StateFile.Load(root)!);
        var interactive = !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;
        var service = new GenerationService(context.Catalog, prompter: null, interactive ? new SpectreConflictPrompter(context.Console) : null);
        var outcome = service.Generate(new GenerateRequest(GpuQueues.GeneratorName, root)
        {
            Amend = amend,
            Force = parsed.GetValue(force),
            Conflicts = ConflictOption.Parse(parsed.GetValue(conflicts)),
            DryRun = parsed.GetValue(dryRun),
        });
        var code = (int)OutcomeReport.Print(context, outcome, parsed.GetValue(dryRun), parsed.GetValue(MxApp.Verbose));
        if (code != 0 || parsed.GetValue(dryRun) || !StateFile.Load(root)!.HasApplied(IdleReaper.GeneratorName)) return code;
        // The idle reaper watches, and is bound in, every team's namespace.
        var reaper = service.Generate(new GenerateRequest(IdleReaper.GeneratorName, root)
        {
            Force = parsed.GetValue(force),
            Conflicts = ConflictOption.Parse(parsed.GetValue(conflicts)),
        });
        return (int)OutcomeReport.Print(context, reaper, dryRun: false, parsed.GetValue(MxApp.Verbose));
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
