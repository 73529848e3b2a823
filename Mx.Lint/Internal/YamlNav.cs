using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>Null-tolerant navigation of YAML nodes, so rules read like the paths they check.</summary>
internal static class YamlNav
{
    public static YamlNode? Get(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode mapping) return null;
        // Mappings in manifests are small; a scan is cheaper than building a key node for the dictionary.
        foreach (var (k, v) in mapping.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key) return v;
        return null;
    }

    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path) node = node.Get(key);
        return node;
    }

    public static YamlNode? KeyNode(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode mapping) return null;
        foreach (var (k, _) in mapping.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key) return k;
        return null;
    }

    public static string? Text(this YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    public static bool IsTrue(this YamlNode? node) => node.Text() is "true" or "True" or "TRUE";

    public static int? Int(this YamlNode? node) => int.TryParse(node.Text()?.Trim('"'), out var n) ? n : null;

    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(this YamlNode? node)
    {
        if (node is not YamlMappingNode mapping) yield break;
        foreach (var (k, v) in mapping.Children)
            if (k is YamlScalarNode { Value: { } name }) yield return (name, k, v);
    }

    public static int Line(this YamlNode node) => (int)Math.Max(1, node.Start.Line);

    public static int Column(this YamlNode node) => (int)Math.Max(1, node.Start.Column);
}
