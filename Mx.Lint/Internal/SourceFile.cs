using System.Text;

namespace Mx.Lint.Internal;

/// <summary>A walked file with its content hash, its cached result if any, and its parsed form once needed.</summary>
internal sealed class SourceFile
{
    private LintFile? _file;

    private SourceFile(string path, byte[] bytes, string hash, CacheEntry? cached)
    {
        Path = path;
        Bytes = bytes;
        Hash = hash;
        Cached = cached;
    }

    public string Path { get; }
    public byte[] Bytes { get; }
    public string Hash { get; }
    public CacheEntry? Cached { get; }
    public bool InScope { get; set; }
    public FileFacts Facts { get; private set; } = FileFacts.None;

    /// <summary>The parsed file; decoding and parsing happen at most once.</summary>
    public LintFile File => _file ??= new LintFile(Path, Decode(Bytes));

    public bool WasParsed => _file is not null;

    public bool IsPython => Path.EndsWith(".py", StringComparison.Ordinal);

    /// <summary>
    /// Reads a file for linting, or explains in a notice why it is skipped: binary files silently, files over
    /// <paramref name="maxBytes"/> and unreadable ones with a notice, so none of them can crash or stall a run.
    /// </summary>
    public static SourceFile? Read(string root, string path, LintCache cache, long maxBytes, ICollection<string> notices)
    {
        var full = System.IO.Path.Combine(root, path);
        byte[] bytes;
        try
        {
            var length = new FileInfo(full).Length;
            if (length > maxBytes)
            {
                lock (notices) notices.Add($"{path} was skipped: it is {length / (1024 * 1024)} MiB, more than mx lint reads ({maxBytes / (1024 * 1024)} MiB).");
                return null;
            }
            bytes = System.IO.File.ReadAllBytes(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (notices) notices.Add($"{path} was skipped: it cannot be read ({e.Message}).");
            return null;
        }
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8000)) >= 0) return null;
        var hash = Mx.Generators.ContentHash.Of(bytes);
        var source = new SourceFile(path, bytes, hash, cache.Get(path, hash));
        source.Facts = source.Cached?.Facts ?? FileFacts.Of(source.File);
        return source;
    }

    private static string Decode(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }
}
