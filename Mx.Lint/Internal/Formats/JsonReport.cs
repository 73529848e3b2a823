using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mx.Lint.Internal.Formats;

/// <summary>The script format: every finding (suppressed ones with their suppression), notices, fixes and counts.</summary>
internal static class JsonReport
{
    public static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(LintReport report, TextWriter writer) => Emit(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("root", report.Root);
        json.WriteStartObject("summary");
        json.WriteNumber("errors", report.Count(Severity.Error));
        json.WriteNumber("warnings", report.Count(Severity.Warning));
        json.WriteNumber("notes", report.Count(Severity.Note));
        json.WriteNumber("suppressed", report.Suppressed.Count());
        json.WriteNumber("files_linted", report.FilesLinted);
        json.WriteNumber("files_checked", report.FilesChecked);
        json.WriteNumber("files_from_cache", report.FilesFromCache);
        json.WriteNumber("exit_code", report.ExitCode);
        if (report.BaselineRecorded is { } recorded) json.WriteNumber("baseline_recorded", recorded);
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var f in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule_id", f.RuleId);
            json.WriteString("severity", TextReport.SeverityName(f.Severity));
            json.WriteString("path", f.Path);
            json.WriteNumber("line", f.Line);
            json.WriteNumber("column", f.Column);
            json.WriteString("message", f.Message);
            json.WriteString("hint", f.Hint);
            json.WriteString("fingerprint", f.Fingerprint);
            if (f.Suppression is { } s)
            {
                json.WriteStartObject("suppression");
                json.WriteString("kind", s.Kind);
                json.WriteString("justification", s.Justification);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("notices");
        foreach (var notice in report.Notices) json.WriteStringValue(notice);
        json.WriteEndArray();
        json.WriteStartArray("fixes");
        foreach (var fix in report.Fixes)
        {
            json.WriteStartObject();
            json.WriteString("path", fix.Path);
            json.WriteNumber("line", fix.Line);
            json.WriteString("rule_id", fix.RuleId);
            json.WriteString("description", fix.Description);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    });

    public static void WriteCatalog(TextWriter writer) => Emit(writer, json =>
    {
        json.WriteStartArray();
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("family", TextReport.FamilyName(rule.Family));
            json.WriteString("default_severity", TextReport.SeverityName(rule.DefaultSeverity));
            json.WriteString("title", rule.Title);
            json.WriteString("rationale", rule.Rationale);
            json.WriteString("hint", rule.Hint);
            json.WriteString("bad_example", rule.BadExample);
            json.WriteString("good_example", rule.GoodExample);
            json.WriteBoolean("safe_fix", rule.HasSafeFix);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    });

    public static void Emit(TextWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options)) write(json);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
