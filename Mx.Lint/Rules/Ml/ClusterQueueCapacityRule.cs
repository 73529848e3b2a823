using System.Globalization;
using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class ClusterQueueCapacityRule() : KubernetesRule(
    "MX2107", RuleFamily.MlWorkloads, Severity.Error,
    "A ClusterQueue's GPU quota fits the node pool its flavor selects",
    "Kueue admits work up to a ClusterQueue's nominalQuota of nvidia.com/gpu. When that is more than the flavor's node " +
    "pools can hold (their maxNodeCount x the GPUs of a node), Kueue admits jobs the autoscaler can never place: they " +
    "hold the quota, stay Pending, and keep others from borrowing it. (MX2106 checks that a pool matches the flavor at all.)",
    "Lower the nominalQuota to the pools' capacity, or raise the pool's maxNodeCount (mx generate GpuQueues --queue-max-nodes shape=N).",
    """
    # the flavor l4-2 selects queuePool-l4-2: 1 node x 2 GPUs
    resources:
      - name: nvidia.com/gpu
        nominalQuota: 4
    """,
    """
    resources:
      - name: nvidia.com/gpu
        nominalQuota: 2   # maxNodeCount x GPUs per node
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var facts = context.Facts;
        // Without node pools in the project (manifests linted alone) there is nothing to compare with.
        if (!facts.DeclaresNodePools || o.Group != "kueue.x-k8s.io" || o.Kind != "ClusterQueue") yield break;
        foreach (var flavor in o.Root.At("spec", "resourceGroups").Items().SelectMany(g => g.Get("flavors").Items()))
        {
            if (flavor.Get("name").Text() is not { } name || !facts.ResourceFlavorLabels.TryGetValue(name, out var wanted) || wanted.Count == 0) continue;
            // A flavor no pool matches is MX2106's finding; a pool whose size is unknown cannot be compared.
            if (!facts.NodePoolLabels.Any(pool => wanted.All(pool.Contains))) continue;
            var pools = facts.GpuPools.Where(p => wanted.All(p.Labels.Contains)).ToArray();
            if (pools.Any(p => p.MaxNodes is null)) continue;
            var capacity = pools.Sum(p => p.MaxNodes!.Value * p.GpusPerNode);
            foreach (var resource in flavor.Get("resources").Items())
            {
                if (resource.Get("name").Text() != Gpus.Resource || resource.Get("nominalQuota") is not { } quota) continue;
                if (!decimal.TryParse(quota.Text()?.Trim('"'), NumberStyles.Number, CultureInfo.InvariantCulture, out var gpus) || gpus <= capacity) continue;
                yield return new Violation(quota.Line(), quota.Column(), pools.Length == 0
                    ? $"{o.Describe} gives flavor '{name}' a quota of {gpus} GPUs, but the node pool it selects has no GPUs"
                    : $"{o.Describe} gives flavor '{name}' a quota of {gpus} GPUs, more than its node pool can hold " +
                      $"({string.Join(" + ", pools.Select(p => $"{p.Name}: {p.MaxNodes} nodes x {p.GpusPerNode}"))} = {capacity})");
            }
        }
    }
}
