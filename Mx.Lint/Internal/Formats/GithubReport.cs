namespace Mx.Lint.Internal.Formats;

/// <summary>GitHub Actions workflow commands: each active finding becomes an annotation on its line.</summary>
internal static class GithubReport
{
    public static void Write(LintReport report, TextWriter writer)
    {
        foreach (var notice in report.Notices) writer.WriteLine($"::warning title=mx lint::{Data(notice)}");
        foreach (var f in report.Active)
        {
            var command = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            writer.WriteLine($"::{command} file={Property(f.Path)},line={f.Line},col={f.Column},title={Property($"{f.RuleId} {f.Message}")}::{Data($"{f.Message}\n{f.Hint}")}");
        }
        writer.WriteLine($"mx lint: {report.Count(Severity.Error)} error(s), {report.Count(Severity.Warning)} warning(s), {report.Suppressed.Count()} suppressed in {report.FilesLinted} file(s).");
    }

    // The escaping GitHub's runner applies to workflow command values (actions/toolkit, command.ts).
    private static string Data(string value) => value.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string Property(string value) => Data(value).Replace(":", "%3A").Replace(",", "%2C");
}
