using Mx.Lint.Internal.Formats;

namespace Mx.Lint;

/// <summary>Writes a <see cref="LintReport"/> in one of the <see cref="ReportFormat"/>s; the output depends only on the report.</summary>
public static class ReportWriter
{
    public static void Write(LintReport report, ReportFormat format, TextWriter writer)
    {
        switch (format)
        {
            case ReportFormat.Text: TextReport.Write(report, writer); break;
            case ReportFormat.Json: JsonReport.Write(report, writer); break;
            case ReportFormat.Sarif: SarifReport.Write(report, writer); break;
            case ReportFormat.Github: GithubReport.Write(report, writer); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }

    /// <summary><c>mx lint --list</c>: the catalogue, one rule per line.</summary>
    public static void WriteCatalog(TextWriter writer, bool json)
    {
        if (json) { JsonReport.WriteCatalog(writer); return; }
        foreach (var group in RuleCatalog.All.GroupBy(r => r.Family))
        {
            writer.WriteLine(TextReport.FamilyName(group.Key));
            foreach (var rule in group)
                writer.WriteLine($"  {rule.Id}  {TextReport.SeverityName(rule.DefaultSeverity),-7}  {rule.Title}{(rule.HasSafeFix ? "  [fixable]" : "")}");
        }
        writer.WriteLine();
        writer.WriteLine("mx lint --explain MXnnnn prints a rule's rationale and examples.");
    }

    /// <summary><c>mx lint --explain ID</c>: everything about one rule.</summary>
    public static void WriteExplanation(Rule rule, TextWriter writer)
    {
        writer.WriteLine($"{rule.Id}  {rule.Title}");
        writer.WriteLine($"family: {TextReport.FamilyName(rule.Family)} · default severity: {TextReport.SeverityName(rule.DefaultSeverity)} · safe fix: {(rule.HasSafeFix ? "yes (mx lint --fix)" : "no")}");
        writer.WriteLine();
        writer.WriteLine(rule.Rationale);
        writer.WriteLine();
        writer.WriteLine($"Fix: {rule.Hint}");
        writer.WriteLine();
        writer.WriteLine("Bad:");
        foreach (var line in rule.BadExample.Split('\n')) writer.WriteLine("    " + line.TrimEnd());
        writer.WriteLine("Good:");
        foreach (var line in rule.GoodExample.Split('\n')) writer.WriteLine("    " + line.TrimEnd());
        writer.WriteLine();
        writer.WriteLine($"Turn it off or change its severity in .mx/lint.yaml (rules: {{{rule.Id}: off}}), or suppress one finding with");
        writer.WriteLine($"'# mx-lint: disable={rule.Id} <reason> [until=YYYY-MM-DD]' on the line or the line above.");
    }
}
