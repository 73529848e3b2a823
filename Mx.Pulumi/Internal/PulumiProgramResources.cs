using Mx.Generators;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Internal;

/// <summary>Reads which resources of a Pulumi YAML program (<c>Main.yaml</c>) follow a config value or outlive a destroy, and their URNs.</summary>
internal static class PulumiProgramResources
{
    /// <summary>
    /// The top-level resources whose properties reference <c>${<paramref name="variable"/>}</c>, as
    /// (name, type token) in program order; empty when the program does not exist.
    /// </summary>
    public static IReadOnlyList<(string Name, string Type)> Following(string programPath, string variable)
    {
        var reference = "${" + variable + "}";
        var result = new List<(string, string)>();
        foreach (var (name, type, resource) in Resources(programPath))
            if (resource.Children.TryGetValue(new YamlScalarNode("properties"), out var properties) && Mentions(properties, reference))
                result.Add((name, type));
        return result;
    }

    /// <summary>
    /// The literal <c>name</c> property of each top-level resource of <paramref name="type"/> with
    /// <c>retainOnDelete: true</c>: what stays in the cloud after a destroy.
    /// </summary>
    public static IReadOnlyList<string> Retained(string programPath, string type)
    {
        var result = new List<string>();
        foreach (var (_, resourceType, resource) in Resources(programPath))
        {
            if (resourceType != type || !IsRetained(resource)
                || !resource.Children.TryGetValue(new YamlScalarNode("properties"), out var properties) || properties is not YamlMappingNode propertyMap
                || !propertyMap.Children.TryGetValue(new YamlScalarNode("name"), out var name) || name is not YamlScalarNode { Value: { Length: > 0 } literal }
                || literal.Contains("${", StringComparison.Ordinal))
                continue;
            result.Add(literal);
        }
        return result;
    }

    /// <summary>The top-level resources of <paramref name="type"/> with <c>retainOnDelete: true</c>, by resource name, whatever their cloud names.</summary>
    public static IReadOnlyList<string> RetainedResources(string programPath, string type) =>
        Resources(programPath).Where(r => r.Type == type && IsRetained(r.Resource)).Select(r => r.Name).ToArray();

    private static bool IsRetained(YamlMappingNode resource) =>
        resource.Children.TryGetValue(new YamlScalarNode("options"), out var options) && options is YamlMappingNode optionMap
        && optionMap.Children.TryGetValue(new YamlScalarNode("retainOnDelete"), out var retain) && retain is YamlScalarNode { Value: "true" };

    private static IEnumerable<(string Name, string Type, YamlMappingNode Resource)> Resources(string programPath)
    {
        if (!File.Exists(programPath)) yield break;
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
            yield break;
        foreach (var (key, value) in resources.Children)
            if (key is YamlScalarNode { Value: { } name } && value is YamlMappingNode resource
                && resource.Children.TryGetValue(new YamlScalarNode("type"), out var type) && type is YamlScalarNode { Value: { } token })
                yield return (name, token, resource);
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
