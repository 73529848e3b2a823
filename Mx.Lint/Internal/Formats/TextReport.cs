namespace Mx.Lint.Internal.Formats;

/// <summary>The human format: <c>path:line:col  MXnnnn  severity  message</c> with a fix hint, grouped by file.</summary>
internal static class TextReport
{
    public static void Write(LintReport report, TextWriter writer)
    {
        foreach (var notice in report.Notices) writer.WriteLine($"warning: {notice}");
        if (report.Notices.Count > 0) writer.WriteLine();
        foreach (var fix in report.Fixes) writer.WriteLine($"fixed {fix.Path}:{fix.Line}  {fix.RuleId}  {fix.Description}");
        if (report.Fixes.Count > 0) writer.WriteLine();

        foreach (var file in report.Active.GroupBy(f => f.Path))
        {
            foreach (var f in file)
            {
                writer.WriteLine($"{f.Path}:{f.Line}:{f.Column}  {f.RuleId}  {SeverityName(f.Severity),-7}  {f.Message}");
                writer.WriteLine($"    hint: {f.Hint}");
            }
            writer.WriteLine();
        }

        if (report.BaselineRecorded is { } recorded)
            writer.WriteLine($"Recorded {recorded} finding{(recorded == 1 ? "" : "s")} in the baseline; from now on only new findings fail.");
        var suppressed = report.Suppressed.Count();
        var counts = $"{Plural(report.Count(Severity.Error), "error")}, {Plural(report.Count(Severity.Warning), "warning")}, {Plural(report.Count(Severity.Note), "note")}";
        writer.WriteLine($"{counts}{(suppressed > 0 ? $" ({suppressed} suppressed)" : "")} in {Plural(report.FilesLinted, "file")} " +
                         $"({report.FilesChecked} checked, {report.FilesFromCache} from cache).");
    }

    public static string SeverityName(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    public static string FamilyName(RuleFamily family) => family switch
    {
        RuleFamily.Kubernetes => "kubernetes",
        RuleFamily.MlWorkloads => "ml-workloads",
        RuleFamily.Pulumi => "pulumi",
        RuleFamily.Dockerfile => "dockerfile",
        RuleFamily.Secrets => "secrets",
        RuleFamily.State => "mx-state",
        RuleFamily.Python => "python",
        _ => "lint",
    };

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
