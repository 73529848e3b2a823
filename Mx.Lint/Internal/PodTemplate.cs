using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>
/// A pod spec inside a workload, whatever the kind: core workloads, Kubeflow PyTorchJob replicas, Trainer
/// runtimes and TrainJob runtime patches. <see cref="Replicas"/> is how many pods run it (1 when unsaid).
/// </summary>
internal sealed record PodTemplate(YamlMappingNode Spec, YamlNode? Metadata, string Role, int Replicas)
{
    /// <summary>
    /// A TrainJob's runtime patch: a partial pod merged into the runtime's, whose containers may only add what the
    /// TrainJob CRD allows (no resources: those come from <c>spec.trainer.resourcesPerNode</c>).
    /// </summary>
    public bool IsRuntimePatch { get; init; }

    public IEnumerable<YamlMappingNode> Containers =>
        Spec.Get("containers").Items().Concat(Spec.Get("initContainers").Items()).OfType<YamlMappingNode>();

    public static IEnumerable<PodTemplate> In(KubeObject o)
    {
        var spec = o.Root.Get("spec");
        switch (o.Kind)
        {
            case "Pod":
                if (spec is YamlMappingNode pod) yield return new PodTemplate(pod, o.Metadata, "pod", 1);
                break;
            case "Deployment" or "StatefulSet" or "ReplicaSet" or "DaemonSet":
                if (Template(spec.Get("template")) is { } workload)
                    yield return workload with { Replicas = spec.Get("replicas").Int() ?? 1 };
                break;
            case "Job":
                if (Template(spec.Get("template")) is { } job)
                    yield return job with { Replicas = spec.Get("parallelism").Int() ?? 1 };
                break;
            case "CronJob":
                if (Template(spec.At("jobTemplate", "spec", "template")) is { } cron) yield return cron;
                break;
            case "PyTorchJob":
                foreach (var (role, _, replica) in spec.Get("pytorchReplicaSpecs").Entries())
                    if (Template(replica.Get("template")) is { } t)
                        yield return t with { Role = role, Replicas = replica.Get("replicas").Int() ?? 1 };
                break;
            case "TrainingRuntime" or "ClusterTrainingRuntime":
                foreach (var t in ReplicatedJobs(spec.At("template", "spec"))) yield return t;
                break;
            case "TrainJob":
                foreach (var patch in spec.Get("runtimePatches").Items())
                    foreach (var t in ReplicatedJobs(patch.At("trainingRuntimeSpec", "template", "spec"))) yield return t with { IsRuntimePatch = true };
                break;
        }
    }

    private static IEnumerable<PodTemplate> ReplicatedJobs(YamlNode? jobSetSpec)
    {
        foreach (var job in jobSetSpec.Get("replicatedJobs").Items())
            if (Template(job.At("template", "spec", "template")) is { } t)
                yield return t with { Role = job.Get("name").Text() ?? "node", Replicas = job.Get("replicas").Int() ?? 1 };
    }

    private static PodTemplate? Template(YamlNode? template) =>
        template.Get("spec") is YamlMappingNode spec ? new PodTemplate(spec, template.Get("metadata"), "pod", 1) : null;
}
