using Mx.Generators.Internal;

namespace Mx.Lint.Internal;

/// <summary>A walked file with its content hash, its cached result if any, and its parsed form once needed.</summary>
internal sealed class SourceFile
{
    private readonly string _fullPath;
    private byte[]? _bytes;
    private LintFile? _file;

    private SourceFile(string path, string fullPath, byte[]? bytes, string hash, long length, long modified, CacheEntry? cached)
    {
        Path = path;
        _fullPath = fullPath;
        _bytes = bytes;
        Hash = hash;
        Length = length;
        Modified = modified;
        Cached = cached;
    }

    public string Path { get; }
    public string Hash { get; }
    public long Length { get; }
    public long Modified { get; }
    public CacheEntry? Cached { get; }
    public bool InScope { get; set; }
    public FileFacts Facts { get; private set; } = FileFacts.None;

    /// <summary>The parsed file; reading (when the cache vouched for the file unread), decoding and parsing happen at most once.</summary>
    public LintFile File => _file ??= new LintFile(Path, UserFile.Decode(_bytes ??= UserFile.TryRead(_fullPath, Linter.MaxFileBytes, out _) ?? []));

    public bool WasParsed => _file is not null;

    /// <summary>Whether the file had to be read and hashed because the cache could not vouch for it by size and time.</summary>
    public bool WasHashed { get; private init; }

    public bool IsPython => Path.EndsWith(".py", StringComparison.Ordinal);

    /// <summary>
    /// Reads a file for linting, or explains in a notice why it is skipped: binary files silently, files over
    /// <paramref name="maxBytes"/> and unreadable ones with a notice, so none of them can crash or stall a run.
    /// A file whose size and modification time match its cache entry is not read at all (as git's index does).
    /// </summary>
    public static SourceFile? Read(string root, string path, LintCache cache, long maxBytes, ICollection<string> notices)
    {
        var full = System.IO.Path.Combine(root, path);
        byte[] bytes;
        long length, modified;
        try
        {
            var info = new FileInfo(full);
            length = info.Length;
            modified = info.LastWriteTimeUtc.Ticks;
            if (length > maxBytes)
            {
                lock (notices) notices.Add($"{path} was skipped: it is {length / (1024 * 1024)} MiB, more than mx lint reads ({maxBytes / (1024 * 1024)} MiB).");
                return null;
            }
            if (cache.Unchanged(path, length, modified) is { } unchanged)
                return new SourceFile(path, full, null, unchanged.Hash, length, modified, unchanged) { Facts = unchanged.Facts ?? FileFacts.None };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (notices) notices.Add($"{path} was skipped: it cannot be read ({e.Message}).");
            return null;
        }
        // FIFOs and devices are refused before they are opened: reading one blocks or never ends.
        if (UserFile.TryRead(full, maxBytes, out var reason) is not { } read)
        {
            lock (notices) notices.Add($"{path} was skipped: {reason}.");
            return null;
        }
        bytes = read;
        // mx's state is never binary, so binary content there is damage for its rule to report, not a file to skip.
        if (path != Mx.Generators.StateFile.RelativePath && Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8000)) >= 0) return null;
        var hash = Mx.Generators.ContentHash.Of(bytes);
        var source = new SourceFile(path, full, bytes, hash, length, modified, cache.Get(path, hash)) { WasHashed = true };
        source.Facts = source.Cached is { } cached ? cached.Facts ?? FileFacts.None : FileFacts.Of(source.File);
        return source;
    }
}
