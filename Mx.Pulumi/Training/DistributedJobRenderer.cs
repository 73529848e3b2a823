using Mx.Generators.Internal;
using System.Globalization;
using Mx.Generators;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// Fills DistributedTraining's template (<c>infra/k8s/jobs/train_distributed.yaml</c>, a TrainJob or a PyTorchJob)
/// for one run: a unique name, the pushed image, the entry point's Hydra overrides as arguments to the template's
/// torchrun command, the node count and the GPUs (= processes) per node.
/// </summary>
public static class DistributedJobRenderer
{
    public const string TemplatePath = "infra/k8s/jobs/train_distributed.yaml";

    /// <summary>What <c>mx run</c> follows: the object holding rank 0, its logs, and the pods whose exit code is the run's.</summary>
    public sealed record Rank0(string Kind, string Target, string Selector);

    public static (string Manifest, Rank0 Rank0) Render(string template, string jobName, string image, IReadOnlyList<string> overrides, int workers, int gpusPerWorker,
        long? deadlineSeconds = null)
    {
        var stream = new YamlStream();
        stream.Load(BoundedYaml.Parser(template));
        var job = (YamlMappingNode)stream.Documents[0].RootNode;
        ((YamlMappingNode)job["metadata"]).Children[new YamlScalarNode("name")] = new YamlScalarNode(jobName);
        var spec = (YamlMappingNode)job["spec"];
        var gpus = gpusPerWorker.ToString(CultureInfo.InvariantCulture);
        Rank0 rank0;
        switch (job["kind"].ToString())
        {
            case "TrainJob":
                var trainer = (YamlMappingNode)spec["trainer"];
                if (deadlineSeconds is { } trainJobDeadline) JobDeadline.Set(spec, trainJobDeadline);
                trainer.Children[new YamlScalarNode("image")] = new YamlScalarNode(image);
                trainer.Children[new YamlScalarNode("args")] = Sequence(overrides);
                trainer.Children[new YamlScalarNode("numNodes")] = new YamlScalarNode(workers.ToString(CultureInfo.InvariantCulture));
                trainer.Children[new YamlScalarNode("numProcPerNode")] = new YamlScalarNode(gpus);
                SetGpus((YamlMappingNode)trainer["resourcesPerNode"], gpus);
                // The JobSet the Trainer creates names its Job <trainjob>-<replicated job>-<index>; node 0 runs rank 0.
                rank0 = new("TrainJob", $"job/{jobName}-node-0", $"job-name={jobName}-node-0,batch.kubernetes.io/job-completion-index=0");
                break;
            case "PyTorchJob":
                if (deadlineSeconds is { } pytorchJobDeadline)
                {
                    if (!spec.Children.TryGetValue(new YamlScalarNode("runPolicy"), out var runPolicy))
                        spec.Children[new YamlScalarNode("runPolicy")] = runPolicy = new YamlMappingNode();
                    JobDeadline.Set((YamlMappingNode)runPolicy, pytorchJobDeadline);
                }
                spec.Children[new YamlScalarNode("nprocPerNode")] = new YamlScalarNode(gpus) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
                var replicas = (YamlMappingNode)spec["pytorchReplicaSpecs"];
                var master = Serialize(replicas["Master"]);
                replicas.Children.Remove(new YamlScalarNode("Worker"));
                if (workers > 1)
                {
                    var worker = (YamlMappingNode)Parse(master);
                    worker.Children[new YamlScalarNode("replicas")] = new YamlScalarNode((workers - 1).ToString(CultureInfo.InvariantCulture));
                    replicas.Children[new YamlScalarNode("Worker")] = worker;
                }
                foreach (var (_, replica) in replicas.Children)
                {
                    var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)replica)["template"])["spec"])["containers"]).Children[0];
                    container.Children[new YamlScalarNode("image")] = new YamlScalarNode(image);
                    container.Children[new YamlScalarNode("args")] = Sequence(overrides);
                    SetGpus((YamlMappingNode)container["resources"], gpus);
                }
                rank0 = new("PyTorchJob", $"pod/{jobName}-master-0", $"training.kubeflow.org/job-name={jobName},training.kubeflow.org/replica-type=master");
                break;
            default:
                throw new MxException($"{TemplatePath} is a {job["kind"]}; mx run --distributed submits a TrainJob or a PyTorchJob. Restore it with 'mx generate DistributedTraining --force'.");
        }
        return (Serialize(stream), rank0);
    }

    private static void SetGpus(YamlMappingNode resources, string gpus)
    {
        foreach (var side in new[] { "requests", "limits" })
            ((YamlMappingNode)resources[side]).Children[new YamlScalarNode("nvidia.com/gpu")] = new YamlScalarNode(gpus);
    }

    private static YamlSequenceNode Sequence(IEnumerable<string> items) =>
        new(items.Select(a => new YamlScalarNode(a) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted }));

    private static string Serialize(YamlNode node) => Serialize(new YamlStream(new YamlDocument(node)));

    private static string Serialize(YamlStream stream) => ManifestYaml.Write(stream);

    private static YamlNode Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(BoundedYaml.Parser(text));
        return stream.Documents[0].RootNode;
    }
}
