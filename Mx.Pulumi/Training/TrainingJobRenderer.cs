using Mx.Generators.Internal;
using Mx.Generators;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// Fills the project's job template (<c>infra/k8s/jobs/train_job.yaml</c>) for one run: a unique name, the pushed
/// image, the entry point's argv and the GPU count. Everything else (tolerations, node selector, MLflow variables,
/// volumes) stays as the template says, so edits there reach every run.
/// </summary>
public static class TrainingJobRenderer
{
    public const string TemplatePath = "infra/k8s/jobs/train_job.yaml";

    public static string Render(string template, string jobName, string image, IReadOnlyList<string> argv, int gpus, long? deadlineSeconds = null)
    {
        var stream = new YamlStream();
        stream.Load(BoundedYaml.Parser(template));
        var job = (YamlMappingNode)stream.Documents[0].RootNode;
        var metadata = (YamlMappingNode)job["metadata"];
        metadata.Children[new YamlScalarNode("name")] = new YamlScalarNode(jobName);
        if (deadlineSeconds is { } deadline) JobDeadline.Set((YamlMappingNode)job["spec"], deadline);
        var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)job["spec"])["template"])["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children[0];
        container.Children[new YamlScalarNode("image")] = new YamlScalarNode(image);
        container.Children[new YamlScalarNode("command")] = new YamlSequenceNode(argv.Select(a => new YamlScalarNode(a) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted }));
        container.Children[new YamlScalarNode("args")] = new YamlSequenceNode();
        var resources = (YamlMappingNode)container["resources"];
        foreach (var side in new[] { "requests", "limits" })
            ((YamlMappingNode)resources[side]).Children[new YamlScalarNode("nvidia.com/gpu")] = new YamlScalarNode(gpus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!pod.Children.ContainsKey(new YamlScalarNode("tolerations")))
            throw new MxException($"{TemplatePath} has no tolerations, so the job could never start on the GPU pool, which is tainted for GPU work. Restore it with 'mx generate MLProjectSkeleton --force'.");
        return ManifestYaml.Write(stream);
    }

    /// <summary>The image name of the template with <paramref name="tag"/> instead of its placeholder tag.</summary>
    public static string ImageWithTag(string template, string tag)
    {
        var image = template.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("image:", StringComparison.Ordinal))?["image:".Length..].Trim()
            ?? throw new MxException($"{TemplatePath} names no image. Restore it with 'mx generate MLProjectSkeleton --force'.");
        var colon = image.LastIndexOf(':');
        return (colon > image.LastIndexOf('/') ? image[..colon] : image) + ":" + tag;
    }
}
