using Mx.Generators;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Internal;

/// <summary>Reads which resources of a Pulumi YAML program (<c>Main.yaml</c>) follow a config value, and their URNs.</summary>
internal static class PulumiProgramResources
{
    /// <summary>
    /// The top-level resources whose properties reference <c>${<paramref name="variable"/>}</c>, as
    /// (name, type token) in program order; empty when the program does not exist.
    /// </summary>
    public static IReadOnlyList<(string Name, string Type)> Following(string programPath, string variable)
    {
        if (!File.Exists(programPath)) return [];
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(programPath)));
            root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            throw new MxException($"{programPath}({e.Start.Line},{e.Start.Column}): not valid YAML: {e.Message}. Fix the file and run the command again.");
        }
        if (root is not YamlMappingNode program || !program.Children.TryGetValue(new YamlScalarNode("resources"), out var section) || section is not YamlMappingNode resources)
            return [];
        var reference = "${" + variable + "}";
        var result = new List<(string, string)>();
        foreach (var (key, value) in resources.Children)
        {
            if (value is not YamlMappingNode resource
                || !resource.Children.TryGetValue(new YamlScalarNode("type"), out var type) || type is not YamlScalarNode { Value: { } token }
                || !resource.Children.TryGetValue(new YamlScalarNode("properties"), out var properties))
                continue;
            if (Mentions(properties, reference)) result.Add((((YamlScalarNode)key).Value!, token));
        }
        return result;
    }

    /// <summary>
    /// A top-level resource's URN. Pulumi records the canonical type token, while programs may use the short form
    /// (<c>gcp:sql:DatabaseInstance</c> is <c>gcp:sql/databaseInstance:DatabaseInstance</c>), and a target must match exactly.
    /// </summary>
    public static string Urn(string stack, string pulumiProject, string name, string type) =>
        $"urn:pulumi:{stack}::{pulumiProject}::{CanonicalType(type)}::{name}";

    private static string CanonicalType(string type)
    {
        var parts = type.Split(':');
        if (parts.Length == 2) parts = [parts[0], "index", parts[1]];
        if (parts.Length != 3 || parts[1].Contains('/', StringComparison.Ordinal) || parts[2].Length == 0) return type;
        return $"{parts[0]}:{parts[1]}/{char.ToLowerInvariant(parts[2][0])}{parts[2][1..]}:{parts[2]}";
    }

    private static bool Mentions(YamlNode node, string reference) => node switch
    {
        YamlScalarNode scalar => scalar.Value?.Contains(reference, StringComparison.Ordinal) == true,
        YamlMappingNode mapping => mapping.Children.Values.Any(v => Mentions(v, reference)),
        YamlSequenceNode sequence => sequence.Children.Any(v => Mentions(v, reference)),
        _ => false,
    };
}
