using Mx.Generators.Internal;
using Mx.Generators;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Internal;

/// <summary>Reads the few facts mx needs from Pulumi.yaml and Pulumi.&lt;stack&gt;.yaml files.</summary>
internal static class PulumiProjectFile
{
    public static string Name(string path) =>
        Scalar(Load(path), "name") ?? throw new MxException($"{path} has no 'name:', which every Pulumi project needs. Restore it with 'mx generate MLProjectSkeleton --force'.");

    /// <summary>Whether Pulumi.yaml declares a config key, e.g. <c>deletionProtection</c>.</summary>
    public static bool DeclaresConfig(string path, string key) =>
        Load(path) is YamlMappingNode root && root.Children.TryGetValue(new YamlScalarNode("config"), out var config)
        && config is YamlMappingNode declared && declared.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>The plain values of a stack file's <c>config:</c> (secure values are left out); empty when the file does not exist.</summary>
    public static IReadOnlyDictionary<string, string> StackConfig(string path)
    {
        if (!File.Exists(path)) return new Dictionary<string, string>();
        if (Load(path) is not YamlMappingNode root || !root.Children.TryGetValue(new YamlScalarNode("config"), out var config) || config is not YamlMappingNode values)
            return new Dictionary<string, string>();
        return values.Children
            .Where(p => p.Key is YamlScalarNode && p.Value is YamlScalarNode)
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value ?? "", p => ((YamlScalarNode)p.Value).Value ?? "", StringComparer.Ordinal);
    }

    /// <summary>True when a stack file names a secrets provider of its own (then no passphrase is needed).</summary>
    public static bool HasOwnSecretsProvider(string path) =>
        File.Exists(path) && Scalar(Load(path), "secretsprovider") is { } provider && !provider.StartsWith("passphrase", StringComparison.Ordinal);

    /// <summary>The keys whose wanted value differs from what the stack file holds.</summary>
    public static IReadOnlyDictionary<string, string> Differences(IReadOnlyDictionary<string, string> current, IReadOnlyDictionary<string, string> wanted) =>
        wanted.Where(w => !current.TryGetValue(w.Key, out var have) || have != w.Value)
            .ToDictionary(w => w.Key, w => w.Value, StringComparer.Ordinal);

    private static YamlNode? Load(string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(BoundedYaml.Parser(File.ReadAllText(path)));
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode : null;
        }
        catch (YamlException e)
        {
            throw new MxException($"{path}({e.Start.Line},{e.Start.Column}): not valid YAML: {e.Message}. Fix the file and run the command again.");
        }
        catch (IOException e)
        {
            throw new MxException($"{path} cannot be read ({e.Message}).");
        }
    }

    private static string? Scalar(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text }
            ? text : null;
}
