using System.Globalization;
using System.Text;

namespace Mx.Templates;

/// <summary>
/// The naming conventions that templates use, exposed to Scriban under the same names in snake_case
/// (<c>{{ project_name | snake_case }}</c>). Each example in the doc comments is checked by a test.
/// </summary>
public static class NamingFunctions
{
    /// <summary>The functions as templates call them.</summary>
    internal static IEnumerable<(string Name, Func<string, string> Transform)> ForTemplates =>
    [
        ("snake_case", SnakeCase),
        ("kebab_case", KebabCase),
        ("dns_label", DnsLabel),
        ("py_ident", PyIdent),
        ("yaml_str", YamlStr),
        ("pulumi_literal", PulumiLiteral),
    ];

    /// <summary>Splits on any non-alphanumeric run and on camel-case humps; <c>"Acme Vision-2"</c> → <c>"acme_vision_2"</c>.</summary>
    public static string SnakeCase(string text) => string.Join('_', Words(text));

    /// <summary><c>"AcmeVision model"</c> → <c>"acme-vision-model"</c>.</summary>
    public static string KebabCase(string text) => string.Join('-', Words(text));

    /// <summary>
    /// A valid Kubernetes DNS-1123 label (lowercase alphanumerics and '-', at most 63, starting with a letter
    /// so it is also a valid GCP resource name): <c>"My_Project.v2"</c> → <c>"my-project-v2"</c>.
    /// </summary>
    public static string DnsLabel(string text)
    {
        var label = KebabCase(text);
        label = label.Length > 63 ? label[..63].TrimEnd('-') : label;
        return label.Length > 0 && char.IsAsciiLetter(label[0]) ? label : "x-" + label;
    }

    /// <summary>A valid Python identifier: <c>"acme-vision"</c> → <c>"acme_vision"</c>, <c>"3d-seg"</c> → <c>"_3d_seg"</c>.</summary>
    public static string PyIdent(string text)
    {
        var ident = SnakeCase(text);
        return ident.Length > 0 && !char.IsAsciiDigit(ident[0]) ? ident : "_" + ident;
    }

    /// <summary>
    /// A YAML double-quoted scalar that reads back as exactly <paramref name="text"/>, whatever it holds
    /// (colons, '#', leading '*', "yes"): <c>a: b</c> → <c>"a: b"</c>.
    /// </summary>
    public static string YamlStr(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>
    /// Text that a Pulumi YAML program takes literally rather than as an interpolation: pulumi-yaml reads
    /// <c>$$</c> as one <c>$</c> and <c>${...}</c> as an expression, so every <c>$</c> is doubled:
    /// <c>"${db.password}@acme.ai"</c> → <c>"$${db.password}@acme.ai"</c>.
    /// </summary>
    public static string PulumiLiteral(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                if (word.Length > 0) { yield return word.ToString(); word.Clear(); }
                continue;
            }
            // A hump ("acmeVision") or the end of an acronym ("HTTPServer") starts a new word.
            var startsWord = char.IsAsciiLetterUpper(c) && word.Length > 0 &&
                (char.IsAsciiLetterLower(text[i - 1]) || char.IsAsciiDigit(text[i - 1]) ||
                 (i + 1 < text.Length && char.IsAsciiLetterLower(text[i + 1])));
            if (startsWord) { yield return word.ToString(); word.Clear(); }
            word.Append(char.ToLowerInvariant(c));
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
