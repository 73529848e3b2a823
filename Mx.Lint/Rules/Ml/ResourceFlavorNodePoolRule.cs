using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class ResourceFlavorNodePoolRule() : KubernetesRule(
    "MX2106", RuleFamily.MlWorkloads, Severity.Error,
    "Kueue ResourceFlavors select the nodes of a node pool the project declares",
    "Kueue gives an admitted job its flavor's nodeLabels as a node selector. When no node pool of the project's " +
    "Pulumi programs has all of them (its own labels, or GKE's cloud.google.com/gke-nodepool, gke-accelerator and " +
    "gke-spot), the job is admitted, counted against the queue's quota, and stays Pending: the autoscaler has no " +
    "pool whose nodes would fit, so it never scales up.",
    "Use labels of a node pool in the flavor's nodeLabels (mx's queue pools carry mx.dev/shape: <shape>), or label the pool.",
    """
    spec:
      nodeLabels:
        mx.dev/shape: l4-4   # no pool carries this label
    """,
    """
    spec:
      nodeLabels:
        mx.dev/shape: l4-2   # nodeConfig.labels of the pool queuePool-l4-2
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var facts = context.Facts;
        // Without node pools in the project (manifests linted alone) there is nothing to compare with.
        if (!facts.DeclaresNodePools || o.Group != "kueue.x-k8s.io" || o.Kind != "ResourceFlavor") yield break;
        if (o.Root.At("spec", "nodeLabels") is not { } nodeLabels) yield break;
        var wanted = nodeLabels.Entries().Where(e => e.Value.Text() is not null).Select(e => $"{e.Key}={e.Value.Text()}").ToArray();
        if (wanted.Length == 0 || facts.NodePoolLabels.Any(pool => wanted.All(pool.Contains))) yield break;
        yield return new Violation(nodeLabels.Line(), nodeLabels.Column(),
            $"{o.Describe} selects nodes labelled {string.Join(", ", wanted)}, which no node pool of the project has all of");
    }
}
