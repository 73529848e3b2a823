using System.Text;
using System.Text.RegularExpressions;

namespace Mx.Lint.Internal;

/// <summary>
/// The patterns of one <c>.gitignore</c> (or the exclude list of <c>.mx/lint.yaml</c>), with git's rules:
/// <c>#</c> comments, <c>!</c> negation, a trailing <c>/</c> for directories only, a pattern with a <c>/</c>
/// anchored to the file's directory and one without matching at any depth, <c>*</c>, <c>?</c>, <c>[...]</c>
/// and <c>**</c>. The last matching pattern wins.
/// </summary>
internal sealed class GitIgnore
{
    private readonly List<(Regex Pattern, bool Negated, bool DirectoryOnly)> _patterns = [];

    public GitIgnore(string baseDirectory, IEnumerable<string> lines)
    {
        BaseDirectory = baseDirectory;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (!line.EndsWith("\\ ", StringComparison.Ordinal)) line = line.TrimEnd();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var negated = line.StartsWith('!');
            if (negated) line = line[1..];
            else if (line.StartsWith("\\!", StringComparison.Ordinal) || line.StartsWith("\\#", StringComparison.Ordinal)) line = line[1..];
            var directoryOnly = line.EndsWith('/');
            line = line.TrimEnd('/');
            if (line.Length == 0) continue;
            var anchored = line.Contains('/');
            line = line.TrimStart('/');
            var regex = (anchored ? "^" : "^(?:.*/)?") + Translate(line) + "$";
            _patterns.Add((new Regex(regex, RegexOptions.CultureInvariant), negated, directoryOnly));
        }
    }

    /// <summary>The directory, relative to the project root with a trailing slash (empty for the root), the patterns are relative to.</summary>
    public string BaseDirectory { get; }

    public static GitIgnore Read(string fullPath, string baseDirectory)
    {
        try
        {
            return new GitIgnore(baseDirectory, File.ReadAllLines(fullPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new GitIgnore(baseDirectory, []);
        }
    }

    /// <summary>True when ignored, false when re-included by a <c>!</c> pattern, null when no pattern speaks about it.</summary>
    public bool? Match(string relativePath, bool isDirectory)
    {
        if (!relativePath.StartsWith(BaseDirectory, StringComparison.Ordinal)) return null;
        var path = relativePath[BaseDirectory.Length..];
        for (var i = _patterns.Count - 1; i >= 0; i--)
        {
            var (pattern, negated, directoryOnly) = _patterns[i];
            if (directoryOnly && !isDirectory) continue;
            if (pattern.IsMatch(path)) return !negated;
        }
        return null;
    }

    private static string Translate(string glob)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slashAfter = i + 2 < glob.Length && glob[i + 2] == '/';
                var atStart = i == 0 || glob[i - 1] == '/';
                if (atStart && slashAfter) { regex.Append("(?:.*/)?"); i += 2; }
                else { regex.Append(".*"); i += 1; }
            }
            else if (c == '*') regex.Append("[^/]*");
            else if (c == '?') regex.Append("[^/]");
            else if (c == '[' && glob.IndexOf(']', i + 1) is var close and > 0)
            {
                var set = glob[(i + 1)..close];
                regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                i = close;
            }
            else if (c == '\\' && i + 1 < glob.Length) regex.Append(Regex.Escape(glob[++i].ToString()));
            else regex.Append(Regex.Escape(c.ToString()));
        }
        return regex.ToString();
    }
}
