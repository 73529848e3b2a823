using Mx.Generators;

namespace Mx.Cli.Rendering;

/// <summary>Prints what a generate did in a fixed vocabulary (create, update, delete, unchanged, conflict) and picks the exit code.</summary>
internal static class OutcomeReport
{
    public static ExitCode Print(CommandContext context, GenerateOutcome outcome, bool dryRun)
    {
        var report = context.Report;
        var where = Path.GetRelativePath(context.WorkingDirectory, outcome.Root);
        if (dryRun) return PrintDryRun(report, outcome, where);

        var conflicts = outcome.Conflicts.ToArray();
        if (!outcome.Written && conflicts.Length > 0)
        {
            report.Line(new ReportPart("conflict:", ReportTone.Bad), $" {conflicts.Length} file(s) in {where} changed since mx wrote them, so nothing was written:");
            foreach (var c in conflicts) report.Line("  ", new ReportPart("conflict", ReportTone.Bad), $"  {c.Path}");
            report.Line("Keep your changes and see mx's with --dry-run, or overwrite them with --force.");
            return ExitCode.Conflict;
        }
        if (!outcome.Written)
        {
            report.Line($"Nothing changed: {where} already matches {outcome.Generator.Name} with these answers.");
            return ExitCode.Success;
        }
        foreach (var change in outcome.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
            report.Line("  ", Label(change.Kind, forced: true), $"  {change.Path}");
        report.Line($"{outcome.Generator.Name} applied to {where}: {Summary(outcome.Changes)}.");
        // Regenerating in place leaves nothing to change directory to.
        if (outcome.Generator.CreatesProject)
            report.Line(where == "." ? "Next: read README.md; it lists every step." : $"Next: cd {where} and read README.md; it lists every step.");
        return ExitCode.Success;
    }

    private static ExitCode PrintDryRun(ReportWriter report, GenerateOutcome outcome, string where)
    {
        report.Line($"Dry run of {outcome.Generator.Name} in {where}; nothing is written.");
        foreach (var change in outcome.Changes)
            report.Line("  ", Label(change.Kind, forced: false), $"  {change.Path}");
        foreach (var change in outcome.Changes.Where(c => c.Kind is ChangeKind.Update or ChangeKind.Delete or ChangeKind.Conflict))
            report.Raw(UnifiedDiff.Create(change.Current ?? "", change.Planned ?? "", "a/" + change.Path, change.Removes ? "/dev/null" : "b/" + change.Path));
        report.Line($"Would apply: {Summary(outcome.Changes)}.");
        return ExitCode.Success;
    }

    private static ReportPart Label(ChangeKind kind, bool forced) => kind switch
    {
        ChangeKind.Create => new("create   ", ReportTone.Good),
        ChangeKind.Update => new("update   ", ReportTone.Changed),
        ChangeKind.Delete => new("delete   ", ReportTone.Changed),
        ChangeKind.Unchanged => new("unchanged", ReportTone.Quiet),
        _ => forced ? new("force    ", ReportTone.Bad) : new("conflict ", ReportTone.Bad),
    };

    private static readonly (ChangeKind Kind, string Name)[] Kinds =
        [(ChangeKind.Create, "create"), (ChangeKind.Update, "update"), (ChangeKind.Delete, "delete"), (ChangeKind.Unchanged, "unchanged"), (ChangeKind.Conflict, "conflict")];

    // A plain loop: grouping and sorting by an enum key would be JIT-compiled on every cold run.
    private static string Summary(IReadOnlyList<FileChange> changes)
    {
        var parts = new List<string>(Kinds.Length);
        foreach (var (kind, name) in Kinds)
        {
            var count = 0;
            foreach (var change in changes) if (change.Kind == kind) count++;
            if (count > 0) parts.Add($"{count} {name}");
        }
        return string.Join(", ", parts);
    }
}
