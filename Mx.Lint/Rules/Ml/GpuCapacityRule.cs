using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class GpuCapacityRule() : KubernetesRule(
    "MX2102", RuleFamily.MlWorkloads, Severity.Error,
    "GPU and replica counts fit the GPU node pools the project declares",
    "A pod asking for more GPUs than one node of its pool has, for an accelerator no pool offers, or a job " +
    "whose replicas need more GPUs than the pool can scale to, stays Pending forever while the cluster looks " +
    "healthy. mx compares workloads with the node pools in the project's Pulumi programs.",
    "Request at most the GPUs one pool node has, select an accelerator a pool offers, or raise the pool's maxNodeCount.",
    """
    # the project's pool: nvidia-l4, 1 GPU per node, up to 2 nodes
    Worker:
      replicas: 4
      template:
        spec:
          containers:
            - resources: {limits: {nvidia.com/gpu: 2}}
    """,
    """
    Worker:
      replicas: 2
      template:
        spec:
          containers:
            - resources: {limits: {nvidia.com/gpu: 1}}
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var facts = context.Facts;
        if (!facts.DeclaresNodePools) yield break;
        if (o.Kind == "TrainJob")
        {
            foreach (var violation in CheckTrainJob(o, facts)) yield return violation;
            yield break;
        }
        foreach (var pod in PodTemplate.In(o))
        {
            var perPod = pod.Containers.Sum(Gpus.Requested);
            if (perPod == 0) continue;
            var accelerator = pod.Spec.At("nodeSelector", GpuPoolSchedulingRule.AcceleratorLabel).Text();
            var pools = facts.GpuPools.Where(p => accelerator is null || p.Accelerator == accelerator).ToList();
            if (pools.Count == 0)
            {
                yield return new Violation(pod.Spec.Line(), pod.Spec.Column(), accelerator is null
                    ? $"{o.Describe} requests {perPod} GPU(s) but the project declares no GPU node pool"
                    : $"{o.Describe} selects accelerator '{accelerator}', which no GPU node pool of the project offers ({Offered(facts)})");
                continue;
            }
            if (Check(o, pod.Role, perPod, pod.Replicas, pools) is { } problem)
                yield return new Violation(pod.Spec.Line(), pod.Spec.Column(), problem);
        }
    }

    private static IEnumerable<Violation> CheckTrainJob(KubeObject o, ProjectFacts facts)
    {
        if (o.Root.At("spec", "trainer") is not { } trainer) yield break;
        var perNode = trainer.At("resourcesPerNode", "limits", Gpus.Resource).Int() ?? trainer.At("resourcesPerNode", "requests", Gpus.Resource).Int() ?? 0;
        if (perNode == 0) yield break;
        if (facts.GpuPools.Count == 0)
            yield return new Violation(trainer.Line(), trainer.Column(), $"{o.Describe} requests {perNode} GPU(s) per node but the project declares no GPU node pool");
        else if (Check(o, "trainer", perNode, trainer.Get("numNodes").Int() ?? 1, facts.GpuPools) is { } problem)
            yield return new Violation(trainer.Line(), trainer.Column(), problem);
    }

    private static string? Check(KubeObject o, string role, int perPod, int replicas, IReadOnlyList<GpuPool> pools)
    {
        if (pools.All(p => p.GpusPerNode < perPod))
            return $"{o.Describe} ({role}) requests {perPod} GPUs per pod, but a node of its pool has at most {pools.Max(p => p.GpusPerNode)}";
        var capacity = pools.Where(p => p.GpusPerNode >= perPod).Select(p => p.MaxNodes is { } max ? max * (p.GpusPerNode / perPod) : (int?)null).ToList();
        if (capacity.All(c => c is not null) && replicas > capacity.Sum())
            return $"{o.Describe} ({role}) runs {replicas} pods of {perPod} GPU(s), but its pool fits at most {capacity.Sum()} such pods at its maximum size";
        return null;
    }

    private static string Offered(ProjectFacts facts) =>
        facts.GpuPools.Count == 0 ? "none" : string.Join(", ", facts.GpuPools.Select(p => p.Accelerator).Distinct());
}
