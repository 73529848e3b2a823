using Mx.Generators;

namespace Mx.Cli.Rendering;

/// <summary>Prints what a generate did in a fixed vocabulary (create, update, delete, unchanged, conflict) and picks the exit code.</summary>
internal static class OutcomeReport
{
    public static ExitCode Print(CommandContext context, GenerateOutcome outcome, bool dryRun, bool verbose = false, string done = "applied to")
    {
        var report = context.Report;
        var relative = Path.GetRelativePath(context.WorkingDirectory, outcome.Root);
        var where = relative == "." ? "this project" : relative;
        if (dryRun) return PrintDryRun(report, outcome, where, verbose);

        var conflicts = outcome.Conflicts.ToArray();
        if (outcome.Quit)
        {
            report.Line($"Quit at a conflict: nothing in {where} was written.");
            return ExitCode.Conflict;
        }
        if (!outcome.Written && conflicts.Length > 0)
        {
            report.Line(new ReportPart("conflict:", ReportTone.Bad), $" {conflicts.Length} file(s) in {where} changed both by you and by mx, so nothing was written:");
            foreach (var c in conflicts) report.Line("  ", new ReportPart("conflict", ReportTone.Bad), $"  {c.Path}");
            report.Line("See both sides with --dry-run, then decide with --conflicts markers (merge by hand), mine (keep yours) " +
                        "or theirs (mx's; yours backed up), or run on a terminal to decide file by file.");
            return ExitCode.Conflict;
        }
        if (!outcome.Written)
        {
            var kept = outcome.Changes.Count(c => c.Kind == ChangeKind.Keep);
            report.Line(kept == 0
                ? $"Nothing to change: {where} already matches {outcome.Generator.Name} with these answers."
                : $"Nothing to change: {where} already matches {outcome.Generator.Name} with these answers; your changes to {kept} file(s) stay.");
            return ExitCode.Success;
        }
        foreach (var change in outcome.Changes.Where(c => c.Kind != ChangeKind.Unchanged))
            report.Line("  ", Label(change), $"  {change.Path}");
        report.Line($"{outcome.Generator.Name} {done} {where}: {Summary(outcome.Changes)}.");
        if (outcome.BackupDirectory is { } backup)
            report.Line($"Your versions of the overwritten files are in {backup}/.");
        var marked = outcome.MarkedConflicts.ToArray();
        if (marked.Length > 0)
        {
            report.Line(new ReportPart("conflict:", ReportTone.Bad), $" {marked.Length} file(s) hold conflict markers (<<<<<<< yours / >>>>>>> mx); resolve them by hand:");
            foreach (var c in marked) report.Line("  ", new ReportPart("conflict", ReportTone.Bad), $"  {c.Path}");
            return ExitCode.Conflict;
        }
        // Regenerating in place leaves nothing to change directory to.
        if (outcome.Generator.CreatesProject)
            report.Line(relative == "." ? "Next: read README.md; it lists every step." : $"Next: cd {relative} and read README.md; it lists every step.");
        return ExitCode.Success;
    }

    private static ExitCode PrintDryRun(ReportWriter report, GenerateOutcome outcome, string where, bool verbose)
    {
        report.Line($"Dry run of {outcome.Generator.Name} in {where}; nothing is written.");
        foreach (var change in outcome.Changes)
            if (verbose || change.Kind != ChangeKind.Unchanged) report.Line("  ", Label(change), $"  {change.Path}");
        foreach (var change in outcome.Changes)
        {
            if (change.Kind is ChangeKind.Update or ChangeKind.Delete)
                report.Raw(UnifiedDiff.Create(change.Current ?? "", change.Planned ?? "", "a/" + change.Path, change.Removes ? "/dev/null" : "b/" + change.Path));
            else if (change.Kind is ChangeKind.Merge or ChangeKind.Conflict)
                report.Raw(UnifiedDiff.Create(change.Current ?? "", change.Merged ?? change.Planned ?? "", change.Current is null ? "/dev/null" : "a/" + change.Path,
                    change.Kind == ChangeKind.Conflict ? "merged-with-markers/" + change.Path : "merged/" + change.Path));
        }
        report.Line($"Would apply: {Summary(outcome.Changes)}.");
        return outcome.Conflicts.Any() ? ExitCode.Conflict : ExitCode.Success;
    }

    private static ReportPart Label(FileChange change) => change.Kind switch
    {
        ChangeKind.Create => new("create   ", ReportTone.Good),
        ChangeKind.Update => new("update   ", ReportTone.Changed),
        ChangeKind.Delete => new("delete   ", ReportTone.Changed),
        ChangeKind.Merge => new("merge    ", ReportTone.Changed),
        ChangeKind.Keep => new("keep     ", ReportTone.Quiet),
        ChangeKind.Unchanged => new("unchanged", ReportTone.Quiet),
        _ => change.Resolution switch
        {
            ConflictResolution.Theirs => new("overwrite", ReportTone.Bad),
            ConflictResolution.Mine => new("keep mine", ReportTone.Quiet),
            ConflictResolution.Markers => new("markers  ", ReportTone.Bad),
            _ => new("conflict ", ReportTone.Bad),
        },
    };

    private static readonly (ChangeKind Kind, string Name)[] Kinds =
        [(ChangeKind.Create, "create"), (ChangeKind.Update, "update"), (ChangeKind.Merge, "merge"), (ChangeKind.Delete, "delete"),
         (ChangeKind.Keep, "keep"), (ChangeKind.Unchanged, "unchanged"), (ChangeKind.Conflict, "conflict")];

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
