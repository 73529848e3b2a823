using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class WorkloadIdentityRule() : PulumiRule(
    "MX3102", Severity.Error,
    "Workload identity is on for the cluster and every node pool",
    "Without workload identity, pods use the node's service account (or a key file) for Google APIs: every pod " +
    "on a node gets the same permissions, and keys leak. With it, each Kubernetes service account maps to its " +
    "own least-privilege Google service account and no key exists.",
    "Set workloadIdentityConfig.workloadPool: <project>.svc.id.goog on the cluster and nodeConfig.workloadMetadataConfig.mode: GKE_METADATA on every pool.",
    """
    gpuPool:
      type: gcp:container:NodePool
      properties:
        nodeConfig:
          machineType: g2-standard-8
    """,
    """
    gpuPool:
      type: gcp:container:NodePool
      properties:
        nodeConfig:
          machineType: g2-standard-8
          workloadMetadataConfig:
            mode: GKE_METADATA
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (resource.Is("gcp:container:Cluster") && resource.Properties.At("workloadIdentityConfig", "workloadPool").Text() is null or "")
            yield return At(resource, $"cluster '{resource.Name}' has no workloadIdentityConfig.workloadPool");
        if (resource.Is("gcp:container:NodePool") && resource.Properties.At("nodeConfig", "workloadMetadataConfig", "mode").Text() != "GKE_METADATA")
            yield return At(resource, $"node pool '{resource.Name}' does not use workload identity (nodeConfig.workloadMetadataConfig.mode: GKE_METADATA)");
    }
}
