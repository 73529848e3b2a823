using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class PrivateClusterRule() : PulumiRule(
    "MX3101", Severity.Error,
    "GKE clusters have private nodes",
    "Nodes with public IP addresses can be reached from the internet, and every GPU node is an expensive target. " +
    "Private nodes reach the internet only through Cloud NAT, and the control plane through its IAM-checked endpoint.",
    "Set privateClusterConfig.enablePrivateNodes: true (with a masterIpv4CidrBlock) and add Cloud NAT for egress.",
    """
    cluster:
      type: gcp:container:Cluster
      properties:
        location: europe-west4-a
    """,
    """
    cluster:
      type: gcp:container:Cluster
      properties:
        location: europe-west4-a
        privateClusterConfig:
          enablePrivateNodes: true
          masterIpv4CidrBlock: 172.16.0.0/28
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (resource.Is("gcp:container:Cluster") && !resource.Properties.At("privateClusterConfig", "enablePrivateNodes").IsTrue())
            yield return At(resource, $"cluster '{resource.Name}' does not enable private nodes");
    }
}
