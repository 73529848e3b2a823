using System.Text.Json;
using System.Text.Json.Serialization;
using Mx.Generators.Internal;

namespace Mx.Lint.Internal;

/// <summary>
/// The results of the last run per file under <c>.mx/cache/lint.json</c>, keyed by the file's content hash and
/// the hash of everything else a result depends on (mx's build, the config, the state, what other files
/// declare, the Python tools). A file whose two keys are unchanged is not parsed or checked again.
/// </summary>
internal sealed class LintCache
{
    public const string RelativeDirectory = ".mx/cache";
    private const string FileName = "lint.json";

    private readonly Dictionary<string, CacheEntry> _entries;
    private readonly long _written;

    private LintCache(Dictionary<string, CacheEntry> entries, long written)
    {
        _entries = entries;
        _written = written;
    }

    public static LintCache Empty => new(new Dictionary<string, CacheEntry>(StringComparer.Ordinal), 0);

    /// <summary>Identifies this build of the rules: a rebuilt mx never trusts results of another build.</summary>
    public static readonly string Engine = typeof(LintCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public CacheEntry? Get(string path, string contentHash) =>
        _entries.TryGetValue(path, out var entry) && entry.Hash == contentHash ? entry : null;

    /// <summary>The last entry of a path whatever its content, to keep it for files a run does not read.</summary>
    public CacheEntry? Last(string path) => _entries.GetValueOrDefault(path);

    /// <summary>
    /// The entry of a file whose size and modification time are those recorded, so its content hash is known
    /// without reading it. A file modified less than two seconds before the cache was written is hashed
    /// anyway: a coarse clock could give an edit made in that window the recorded time.
    /// </summary>
    public CacheEntry? Unchanged(string path, long length, long modified) =>
        _entries.TryGetValue(path, out var entry) && entry.Length == length && entry.Modified == modified &&
        modified < _written - TimeSpan.TicksPerSecond * 2 ? entry : null;

    public static LintCache Load(string root)
    {
        var path = Path.Combine(root, ".mx", "cache", FileName);
        try
        {
            if (!File.Exists(path)) return Empty;
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize(stream, CacheJson.Default.CacheDocument);
            if (document is null || document.Engine != Engine) return Empty;
            foreach (var entry in document.Files.Values)
                for (var i = 0; i < entry.Findings.Count; i++)
                    entry.Findings[i] = entry.Findings[i] with { Hint = RuleCatalog.Get(entry.Findings[i].RuleId).Hint };
            return new LintCache(new Dictionary<string, CacheEntry>(document.Files, StringComparer.Ordinal), document.Written);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            // A damaged or unreadable cache only costs a full run.
            return Empty;
        }
    }

    /// <summary>Writes the entries of this run; returns false when the cache directory is not writable.</summary>
    public static bool Save(string root, IEnumerable<KeyValuePair<string, CacheEntry>> entries)
    {
        var directory = Path.Combine(root, ".mx", "cache");
        try
        {
            Directory.CreateDirectory(directory);
            // Like pytest and ruff, the cache ignores itself, so it never shows up in git status.
            var gitignore = Path.Combine(directory, ".gitignore");
            if (!File.Exists(gitignore)) File.WriteAllText(gitignore, "# Created by mx lint.\n*\n");
            var document = new CacheDocument { Engine = Engine, Written = DateTime.UtcNow.Ticks, Files = entries.ToDictionary(StringComparer.Ordinal) };
            AtomicFile.Write(Path.Combine(directory, FileName), stream => JsonSerializer.Serialize(stream, document, CacheJson.Default.CacheDocument));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

internal sealed class CacheDocument
{
    public string Engine { get; set; } = "";
    public long Written { get; set; }
    public Dictionary<string, CacheEntry> Files { get; set; } = [];
}

internal sealed class CacheEntry
{
    public string Hash { get; set; } = "";
    public long Length { get; set; }
    public long Modified { get; set; }
    public string Context { get; set; } = "";
    /// <summary>Null when the file declares nothing, which keeps the cache small for the many files that do not.</summary>
    public FileFacts? Facts { get; set; }
    public List<Finding> Findings { get; set; } = [];
    public List<InlineSuppression> Suppressions { get; set; } = [];
}

[JsonSerializable(typeof(CacheDocument))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class CacheJson : JsonSerializerContext;
