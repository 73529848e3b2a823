using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mx.Generators.Internal;

/// <summary>
/// Writes mx's own small YAML documents (state) in block style. YamlDotNet's serializer would do, but it costs
/// a quarter of a second of reflection on every cold start of a command that writes state.
/// Values are strings, whole numbers, booleans, lists, and string-keyed mappings of those, in the order given.
/// </summary>
internal static partial class YamlWriter
{
    public static string Write(IEnumerable<KeyValuePair<string, object>> document)
    {
        var output = new StringBuilder();
        WriteMapping(output, document, indent: 0);
        return output.ToString();
    }

    private static void WriteMapping(StringBuilder output, IEnumerable<KeyValuePair<string, object>> mapping, int indent)
    {
        foreach (var (key, value) in mapping)
        {
            output.Append(' ', indent).Append(Scalar(key)).Append(':');
            WriteValue(output, value, indent, childIndent: indent + 2);
        }
    }

    // Sequences sit at their key's indentation, as YAML's block style allows and most tools print them.
    private static void WriteValue(StringBuilder output, object value, int indent, int childIndent)
    {
        switch (value)
        {
            case string or long or int or bool:
                output.Append(' ').Append(Scalar(value)).Append('\n');
                break;
            case IDictionary dictionary:
                if (dictionary.Count == 0) { output.Append(" {}\n"); break; }
                output.Append('\n');
                WriteMapping(output, Entries(dictionary), childIndent);
                break;
            case IEnumerable<KeyValuePair<string, object>> mapping:
                output.Append('\n');
                WriteMapping(output, mapping, childIndent);
                break;
            case IEnumerable items:
                var list = items.Cast<object>().ToArray();
                if (list.Length == 0) { output.Append(" []\n"); break; }
                output.Append('\n');
                foreach (var item in list) WriteItem(output, item, indent);
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as YAML");
        }
    }

    private static void WriteItem(StringBuilder output, object item, int indent)
    {
        output.Append(' ', indent).Append('-');
        if (item is not IDictionary fields)
        {
            output.Append(' ').Append(Scalar(item)).Append('\n');
            return;
        }
        var first = true;
        foreach (var (key, value) in Entries(fields))
        {
            output.Append(first ? " " : new string(' ', indent + 2)).Append(Scalar(key)).Append(':');
            WriteValue(output, value, indent + 2, indent + 4);
            first = false;
        }
    }

    // IDictionary's own enumerator yields DictionaryEntry; IEnumerable's would yield KeyValuePair<,>.
    private static IEnumerable<KeyValuePair<string, object>> Entries(IDictionary dictionary)
    {
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext()) yield return new((string)entries.Key, entries.Value!);
    }

    /// <summary>A scalar, plain when YAML reads it back as the same string, else double-quoted.</summary>
    public static string Scalar(object value) => value switch
    {
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s when IsPlainSafe(s) => s,
        string s => Templates.NamingFunctions.YamlStr(s),
        _ => throw new ArgumentException($"cannot write a {value.GetType().Name} as a YAML scalar"),
    };

    // Plain only if it cannot be mistaken for another type (YAML 1.1 or 1.2) or for YAML syntax.
    private static bool IsPlainSafe(string text) =>
        text.Length > 0 && SafeCharacters().IsMatch(text) && !text.Contains(": ", StringComparison.Ordinal) && !text.Contains(" #", StringComparison.Ordinal)
        && !text.EndsWith(':') && !text.EndsWith(' ') && !OtherType().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9_./(][A-Za-z0-9_./@:+()=~ -]*$")]
    private static partial Regex SafeCharacters();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[0-9]+(?::[0-9]+)+)$")]
    private static partial Regex OtherType();
}
