using Mx.Generators.Internal;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// A Kueue LocalQueue of the job's namespace (training, or a team's) that a job is submitted to: Kueue admits a Job or TrainJob that
/// carries the queue's name in the <c>kueue.x-k8s.io/queue-name</c> label (its webhook suspends the job until
/// then).
/// </summary>
public static class KueueQueue
{
    public const string Label = "kueue.x-k8s.io/queue-name";

    public const string Resource = "localqueues.kueue.x-k8s.io";

    /// <summary>The queue names in <c>kubectl get localqueues --output name</c>'s answer.</summary>
    public static IReadOnlyList<string> Names(string kubectlOutput) =>
        kubectlOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line[(line.IndexOf('/') + 1)..]).ToArray();

    /// <summary>The manifest with the queue label added to its object's metadata.</summary>
    public static string Labelled(string manifest, string queue) => WithMetadata(manifest, metadata =>
    {
        if (!metadata.Children.TryGetValue(new YamlScalarNode("labels"), out var labels) || labels is not YamlMappingNode map)
            metadata.Children[new YamlScalarNode("labels")] = map = new YamlMappingNode();
        map.Children[new YamlScalarNode(Label)] = new YamlScalarNode(queue);
    });

    /// <summary>
    /// The manifest moved to namespace <paramref name="ns"/> (a team's): kubectl refuses an object whose namespace
    /// differs from the one it applies in.
    /// </summary>
    public static string InNamespace(string manifest, string ns) =>
        WithMetadata(manifest, metadata => metadata.Children[new YamlScalarNode("namespace")] = new YamlScalarNode(ns));

    private static string WithMetadata(string manifest, Action<YamlMappingNode> change) =>
        ManifestYaml.Edit(manifest, root => change((YamlMappingNode)root["metadata"]));
}
