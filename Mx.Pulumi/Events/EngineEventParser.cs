using System.Text.Json;

namespace Mx.Pulumi.Events;

/// <summary>
/// Parses one line of pulumi's JSON event stream into an <see cref="EngineEvent"/>. Kinds mx does not use
/// (policy, progress, debugging) and lines that are not events come back as null: a newer pulumi may add
/// events, and that must not break a run.
/// </summary>
public static class EngineEventParser
{
    public static EngineEvent? Parse(string line)
    {
        if (!line.StartsWith('{')) return null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var sequence = root.TryGetProperty("sequence", out var s) && s.TryGetInt32(out var seq) ? seq : 0;
            var timestamp = root.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ts) ? ts : 0;
            foreach (var property in root.EnumerateObject())
            {
                var body = property.Value;
                EngineEvent? parsed = property.Name switch
                {
                    "preludeEvent" => new PreludeEvent(sequence, timestamp, StringMap(body, "config")),
                    "resourcePreEvent" => new ResourcePreEvent(sequence, timestamp, Metadata(body), Bool(body, "planning")),
                    "resOutputsEvent" => new ResourceOutputsEvent(sequence, timestamp, Metadata(body), Bool(body, "planning")),
                    "resOpFailedEvent" => new ResourceOperationFailedEvent(sequence, timestamp, Metadata(body), Int(body, "status"), Int(body, "steps")),
                    "diagnosticEvent" => new DiagnosticEvent(sequence, timestamp, String(body, "severity") ?? "info",
                        String(body, "message") ?? "", String(body, "urn") is { Length: > 0 } urn ? urn : null, Bool(body, "ephemeral")),
                    "summaryEvent" => new SummaryEvent(sequence, timestamp, Counts(body), Int(body, "durationSeconds"),
                        Bool(body, "maybeCorrupt"), Bool(body, "isPreview")),
                    "cancelEvent" => new CancelEvent(sequence, timestamp),
                    _ => null,
                };
                if (parsed is not null) return parsed;
            }
            return null;
        }
    }

    private static StepMetadata Metadata(JsonElement body)
    {
        var metadata = body.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        return new StepMetadata(
            String(metadata, "op") ?? "",
            String(metadata, "urn") ?? "",
            String(metadata, "type") ?? "",
            Strings(metadata, "diffs"),
            Strings(metadata, "keys"),
            Bool(metadata, "logical"));
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var n) ? n : 0;

    private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray()
            : [];

    private static IReadOnlyDictionary<string, string> StringMap(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>();

    private static IReadOnlyDictionary<string, int> Counts(JsonElement element) =>
        element.TryGetProperty("resourceChanges", out var value) && value.ValueKind == JsonValueKind.Object
            ? value.EnumerateObject().Where(p => p.Value.TryGetInt32(out _)).ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal)
            : new Dictionary<string, int>();
}
