using System.Globalization;
using System.Text;

namespace Mx.Tests.Validation;

/// <summary>
/// One <c>${...}</c> in a Pulumi YAML string: <c>${root}</c>, <c>${root.prop[0].x}</c>, <c>${root["key"]}</c>.
/// </summary>
/// <param name="Text">The interpolation as written, for messages.</param>
/// <param name="Root">The resource, variable or config name the access starts from.</param>
/// <param name="FirstProperty">The property read from the root (by name or string key); null for none or a list index.</param>
public sealed record PulumiPropertyAccess(string Text, string Root, string? FirstProperty)
{
    /// <summary>
    /// Finds the interpolations in a string value with pulumi-yaml's grammar (ast/property.go): <c>$$</c> escapes
    /// <c>$</c>, and a name runs up to <c>.</c>, <c>[</c> or <c>}</c>, so <c>${gcp:project}</c> has the root <c>gcp:project</c>.
    /// </summary>
    /// <returns>The accesses, or null with <paramref name="error"/> set when the string is not a valid interpolation.</returns>
    public static IReadOnlyList<PulumiPropertyAccess>? FindAll(string value, out string? error)
    {
        var accesses = new List<PulumiPropertyAccess>();
        error = null;
        var i = 0;
        while (i < value.Length)
        {
            if (string.CompareOrdinal(value, i, "$$", 0, 2) == 0)
            {
                i += 2;
            }
            else if (string.CompareOrdinal(value, i, "${", 0, 2) == 0)
            {
                var start = i;
                var path = ParsePath(value, ref i, out error);
                if (path is null)
                {
                    return null;
                }

                if (path.Count == 0 || path[0] is not string root)
                {
                    error = "empty interpolation";
                    return null;
                }

                accesses.Add(new PulumiPropertyAccess(value[start..i], root, path.Count > 1 ? path[1] as string : null));
            }
            else
            {
                i++;
            }
        }

        return accesses;
    }

    // Accessors are property names and string keys (string) or list indexes (int); `i` ends past the closing brace.
    private static List<object>? ParsePath(string value, ref int i, out string? error)
    {
        var path = new List<object>();
        error = null;
        i += 2;
        while (i < value.Length)
        {
            switch (value[i])
            {
                case '}':
                    i++;
                    return path;
                case '.':
                    i++;
                    break;
                case '[' when i + 1 < value.Length && value[i + 1] == '"':
                    var key = new StringBuilder();
                    for (i += 2; i < value.Length && value[i] != '"'; i++)
                    {
                        if (value[i] == '\\' && i + 1 < value.Length && value[i + 1] == '"')
                        {
                            i++;
                        }

                        key.Append(value[i]);
                    }

                    if (i + 1 >= value.Length || value[i + 1] != ']')
                    {
                        error = "missing closing quote or bracket in property name";
                        return null;
                    }

                    path.Add(key.ToString());
                    i += 2;
                    break;
                case '[':
                    var close = value.IndexOf(']', i);
                    if (close < 0 || !int.TryParse(value.AsSpan(i + 1, close - i - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
                    {
                        error = "invalid list index";
                        return null;
                    }

                    if (path.Count == 0)
                    {
                        error = "the root property must be a string subscript or a name";
                        return null;
                    }

                    path.Add(index);
                    i = close + 1;
                    break;
                default:
                    var end = value.IndexOfAny(['.', '[', '}'], i);
                    end = end < 0 ? value.Length : end;
                    path.Add(value[i..end]);
                    i = end;
                    break;
            }
        }

        error = "unterminated interpolation";
        return null;
    }
}
