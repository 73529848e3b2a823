using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// A queued job's GPU type: the job templates select the skeleton's GPU (<c>cloud.google.com/gke-accelerator</c>), and
/// a queue shape may have another, whose nodes such a selector would never match while Kueue admits the job onto them.
/// Every such node selector of the manifest (a Job's pod, a TrainJob's runtime patches, each PyTorchJob replica)
/// names the shape's GPU instead.
/// </summary>
public static class ShapeAccelerator
{
    public const string Label = "cloud.google.com/gke-accelerator";

    public static string Selecting(string manifest, string gpuType) => ManifestYaml.Edit(manifest, root => Visit(root, gpuType));

    private static void Visit(YamlNode node, string gpuType)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children.ToArray())
                {
                    if (key.ToString() == "nodeSelector" && value is YamlMappingNode selector && selector.Children.ContainsKey(new YamlScalarNode(Label)))
                        selector.Children[new YamlScalarNode(Label)] = new YamlScalarNode(gpuType);
                    Visit(value, gpuType);
                }
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children) Visit(item, gpuType);
                break;
        }
    }
}
