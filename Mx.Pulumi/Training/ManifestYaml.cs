using Mx.Generators.Internal;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>The one way mx run reads a job manifest, changes it and writes it back for kubectl.</summary>
internal static class ManifestYaml
{
    public static YamlStream Load(string manifest)
    {
        var stream = new YamlStream();
        stream.Load(BoundedYaml.Parser(manifest));
        return stream;
    }

    /// <summary>The manifest with its (first) object changed by <paramref name="change"/>.</summary>
    public static string Edit(string manifest, Action<YamlMappingNode> change)
    {
        var stream = Load(manifest);
        change((YamlMappingNode)stream.Documents[0].RootNode);
        return Write(stream);
    }

    public static string Write(YamlStream stream)
    {
        var output = new StringWriter();
        stream.Save(output, assignAnchors: false);
        // YamlDotNet ends a document with "...", which kubectl does not need.
        return output.ToString().TrimEnd('.', '\n', '\r') + "\n";
    }
}
