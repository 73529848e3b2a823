using System.Text;

namespace Mx.Generators.Internal;

/// <summary>
/// <c>.mx/base</c>: the content of every file as mx last wrote it, the base of the three-way merge when a
/// generator runs again. One text file rather than a mirror tree, so linters, test runners and searches never
/// find a second copy of the project. It is committed with the state, so a fresh clone merges like the
/// original checkout; each entry is trusted only while its hash matches the one state recorded.
/// </summary>
internal static class BaseSnapshot
{
    public const string RelativePath = ".mx/base";

    private const string Header =
        "# mx base: every file as mx last wrote it, the base of three-way merges when a generator runs again.\n" +
        "# Commit it with state.yaml; never edit it. Each entry is '@@ <length> <path>', a newline, the content and a newline.\n";

    public static string PathIn(string root) => Path.Combine(root, ".mx", "base");

    /// <summary>The recorded contents by path; empty when the project has no snapshot (made by an older mx).</summary>
    public static IReadOnlyDictionary<string, string> Load(string root)
    {
        var path = PathIn(root);
        if (!File.Exists(path)) return new Dictionary<string, string>(StringComparer.Ordinal);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException($"{RelativePath} cannot be read ({e.Message}). Check its permissions, or restore it with 'git checkout -- {RelativePath}'.");
        }
        return Parse(text);
    }

    public static Dictionary<string, string> Parse(string text)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            if (lineEnd < 0) throw Corrupt("the file ends inside an entry header");
            var line = text.AsSpan(position, lineEnd - position);
            position = lineEnd + 1;
            if (line.Length == 0 || line[0] == '#') continue;
            if (!line.StartsWith("@@ ")) throw Corrupt($"'{Shorten(line.ToString())}' is not an entry header");
            var rest = line[3..];
            var space = rest.IndexOf(' ');
            if (space <= 0 || !int.TryParse(rest[..space], out var length) || length < 0 || rest.Length == space + 1)
                throw Corrupt($"'{Shorten(line.ToString())}' is not an entry header");
            if (position + length + 1 > text.Length || text[position + length] != '\n')
                throw Corrupt($"the entry for {rest[(space + 1)..]} is cut short");
            entries[rest[(space + 1)..].ToString()] = text.Substring(position, length);
            position += length + 1;
        }
        return entries;
    }

    public static string Serialize(IReadOnlyDictionary<string, string> entries)
    {
        var paths = entries.Keys.ToArray();
        Array.Sort(paths, StringComparer.Ordinal);
        var output = new StringBuilder(Header);
        foreach (var path in paths)
        {
            var content = entries[path];
            output.Append("@@ ").Append(content.Length).Append(' ').Append(path).Append('\n').Append(content).Append('\n');
        }
        return output.ToString();
    }

    private static MxException Corrupt(string what) => new(
        $"{RelativePath} is corrupt: {what}. mx keeps in it what it last wrote, to merge your edits with a new render. " +
        $"Restore it with 'git checkout -- {RelativePath}', or delete it: every file you edited then counts as a conflict to decide by hand.");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
