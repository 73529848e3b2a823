using System.Text;
using System.Text.Json;
using Mx.Generators;
using Mx.Generators.Internal;

namespace Mx.Lint.Internal;

/// <summary>
/// The findings a team accepted when it adopted mx lint (<c>--baseline FILE</c>). Findings are matched by rule,
/// path and fingerprint (not line number) and counted, so moving code keeps them matched while a second
/// copy of the same problem is new.
/// </summary>
internal sealed class Baseline
{
    private readonly Dictionary<string, int> _remaining;

    private Baseline(Dictionary<string, int> entries) => _remaining = entries;

    public static Baseline Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var entries = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in document.RootElement.GetProperty("findings").EnumerateArray())
            {
                var key = Key(item.GetProperty("rule_id").GetString()!, item.GetProperty("path").GetString()!, item.GetProperty("fingerprint").GetString()!);
                entries[key] = entries.GetValueOrDefault(key) + 1;
            }
            return new Baseline(entries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MxException($"The baseline {path} cannot be read ({e.Message}). Delete it and run 'mx lint --baseline {path}' again to record a new one.");
        }
    }

    /// <summary>Takes the finding out of the baseline when it is there; each entry accepts one finding.</summary>
    public bool Accepts(Finding finding)
    {
        var key = Key(finding.RuleId, finding.Path, finding.Fingerprint);
        if (_remaining.GetValueOrDefault(key) == 0) return false;
        _remaining[key]--;
        return true;
    }

    public static void Save(string path, IEnumerable<Finding> findings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartArray("findings");
            foreach (var f in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.RuleId, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("rule_id", f.RuleId);
                json.WriteString("path", f.Path);
                json.WriteString("fingerprint", f.Fingerprint);
                json.WriteString("message", f.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            AtomicFile.Write(path, Encoding.UTF8.GetString(buffer.ToArray()) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException($"The baseline {path} cannot be written ({e.Message}). Check the directory's permissions.");
        }
    }

    private static string Key(string rule, string path, string fingerprint) => $"{rule}\n{path}\n{fingerprint}";
}
