using System.Text.Json;

namespace Mx.Lint.Internal.Formats;

/// <summary>
/// SARIF 2.1.0 for code scanning: the whole catalogue as the driver's rules (so <c>ruleIndex</c> is stable),
/// results with relative URIs against the project root, suppressed findings with <c>suppressions</c>, line
/// fingerprints, and notices as tool execution notifications.
/// </summary>
internal static class SarifReport
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    private const string RootBase = "PROJECTROOT";

    public static void Write(LintReport report, TextWriter writer) => JsonReport.Emit(writer, json =>
    {
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        WriteTool(json);
        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(RootBase);
        json.WriteString("uri", new Uri(report.Root.EndsWith('/') ? report.Root : report.Root + "/").AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var finding in report.Findings) WriteResult(json, finding);
        json.WriteEndArray();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", true);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var notice in report.Notices)
        {
            json.WriteStartObject();
            json.WriteString("level", "warning");
            WriteMessage(json, "message", notice);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "mx lint");
        json.WriteString("semanticVersion", typeof(SarifReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.All)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.GetType().Name.Replace("Rule", "", StringComparison.Ordinal));
            WriteMessage(json, "shortDescription", rule.Title);
            WriteMessage(json, "fullDescription", rule.Rationale);
            json.WriteStartObject("help");
            json.WriteString("text", $"{rule.Hint}\n\nBad:\n{rule.BadExample}\n\nGood:\n{rule.GoodExample}");
            json.WriteString("markdown", $"{rule.Hint}\n\nBad:\n\n```\n{rule.BadExample}\n```\n\nGood:\n\n```\n{rule.GoodExample}\n```");
            json.WriteEndObject();
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteStartArray("tags");
            json.WriteStringValue(TextReport.FamilyName(rule.Family));
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        json.WriteNumber("ruleIndex", RuleCatalog.IndexOf(finding.RuleId));
        json.WriteString("level", Level(finding.Severity));
        WriteMessage(json, "message", $"{finding.Message}. {finding.Hint}");
        json.WriteStartArray("locations");
        json.WriteStartObject();
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", string.Join('/', finding.Path.Split('/').Select(Uri.EscapeDataString)));
        json.WriteString("uriBaseId", RootBase);
        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", finding.Line);
        json.WriteNumber("startColumn", finding.Column);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString("mxLineHash/v1", finding.Fingerprint);
        json.WriteEndObject();
        if (finding.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", suppression.Kind);
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppression.Justification);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string property, string text)
    {
        json.WriteStartObject(property);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };
}
