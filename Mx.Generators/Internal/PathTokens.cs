using System.Text;

namespace Mx.Generators.Internal;

/// <summary>
/// Finds the <c>__some_key__</c> parts of a template path: a snake_case key with at least one inner '_' between
/// double underscores, so that Python's <c>__init__.py</c> is left alone. A plain scanner rather than a regular
/// expression: the first source-generated regex of an assembly sets up search tables for all of them, which
/// costs a cold <c>mx generate</c> about 20 ms.
/// </summary>
internal static class PathTokens
{
    public static string Replace(string path, Func<string, string> valueOf)
    {
        var result = new StringBuilder(path.Length);
        var i = 0;
        while (i < path.Length)
        {
            if (i + 1 < path.Length && path[i] == '_' && path[i + 1] == '_')
            {
                var end = path.IndexOf("__", i + 2, StringComparison.Ordinal);
                if (end > i + 2 && IsKey(path.AsSpan(i + 2, end - i - 2)))
                {
                    result.Append(valueOf(path[(i + 2)..end]));
                    i = end + 2;
                    continue;
                }
            }
            result.Append(path[i]);
            i++;
        }
        return result.ToString();
    }

    // [a-z][a-z0-9]*(_[a-z0-9]+)+
    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (!char.IsAsciiLetterLower(key[0]) || key[^1] == '_') return false;
        var inner = false;
        for (var i = 1; i < key.Length; i++)
        {
            if (key[i] == '_')
            {
                if (key[i - 1] == '_') return false;
                inner = true;
            }
            else if (!char.IsAsciiLetterLower(key[i]) && !char.IsAsciiDigit(key[i])) return false;
        }
        return inner;
    }
}
