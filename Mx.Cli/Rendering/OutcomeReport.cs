using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>Prints what a generate did in a fixed vocabulary (create, update, unchanged, conflict) and picks the exit code.</summary>
internal static class OutcomeReport
{
    public static ExitCode Print(CommandContext context, GenerateOutcome outcome, bool dryRun)
    {
        var console = context.Console;
        var where = Path.GetRelativePath(context.WorkingDirectory, outcome.Root);
        if (dryRun) return PrintDryRun(console, outcome, where);

        var conflicts = outcome.Conflicts.ToArray();
        if (!outcome.Written && conflicts.Length > 0)
        {
            console.MarkupLineInterpolated($"[red]conflict:[/] {conflicts.Length} file(s) in {where} changed since mx wrote them, so nothing was written:");
            foreach (var c in conflicts) console.MarkupLineInterpolated($"  [red]conflict[/]  {c.Path}");
            console.MarkupLine("Keep your changes and see mx's with --dry-run, or overwrite them with --force.");
            return ExitCode.Conflict;
        }
        if (!outcome.Written)
        {
            console.MarkupLineInterpolated($"Nothing changed: {where} already matches {outcome.Generator.Name} with these answers.");
            return ExitCode.Success;
        }
        foreach (var change in outcome.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
            console.MarkupLine($"  {Label(change.Kind, forced: true)}  {Markup.Escape(change.Path)}");
        console.MarkupLineInterpolated($"{outcome.Generator.Name} applied to {where}: {Summary(outcome.Changes)}.");
        if (outcome.Generator.CreatesProject)
            console.MarkupLineInterpolated($"Next: cd {where} and read README.md; it lists every step.");
        return ExitCode.Success;
    }

    private static ExitCode PrintDryRun(IAnsiConsole console, GenerateOutcome outcome, string where)
    {
        console.MarkupLineInterpolated($"Dry run of {outcome.Generator.Name} in {where}; nothing is written.");
        foreach (var change in outcome.Changes)
            console.MarkupLine($"  {Label(change.Kind, forced: false)}  {Markup.Escape(change.Path)}");
        var writer = console.Profile.Out.Writer;
        foreach (var change in outcome.Changes.Where(c => c.Kind is ChangeKind.Update or ChangeKind.Conflict))
            writer.Write(UnifiedDiff.Create(change.Current ?? "", change.Planned, "a/" + change.Path, "b/" + change.Path));
        console.MarkupLineInterpolated($"Would apply: {Summary(outcome.Changes)}.");
        return ExitCode.Success;
    }

    private static string Label(ChangeKind kind, bool forced) => kind switch
    {
        ChangeKind.Create => "[green]create   [/]",
        ChangeKind.Update => "[yellow]update   [/]",
        ChangeKind.Unchanged => "[grey]unchanged[/]",
        _ => forced ? "[red]force    [/]" : "[red]conflict [/]",
    };

    private static string Summary(IReadOnlyList<FileChange> changes) =>
        string.Join(", ", changes.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
}
