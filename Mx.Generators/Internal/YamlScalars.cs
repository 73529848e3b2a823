using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Generators.Internal;

/// <summary>Reads answer values out of YAML (state and answers files) with the type YAML 1.2's core schema gives them.</summary>
internal static class YamlScalars
{
    public static object ToAnswer(YamlNode node, string file) => node switch
    {
        YamlScalarNode scalar => ToValue(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(item => item is YamlScalarNode s
            ? s.Value ?? ""
            : throw Malformed(file, item, "a list of answers may only hold plain values")).ToArray(),
        _ => throw Malformed(file, node, "an answer must be a plain value or a list of values, not a mapping"),
    };

    public static MxException Malformed(string file, YamlNode node, string what) => Malformed(file, node.Start, what);

    public static MxException Malformed(string file, Mark mark, string what) =>
        new($"{file}({mark.Line},{mark.Column}): {what}.");

    private static object ToValue(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return text;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => text,
        };
    }
}
