using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class GpuPoolScalesToZeroRule() : PulumiRule(
    "MX3105", Severity.Error,
    "GPU node pools autoscale from zero",
    "An idle GPU node costs as much as a busy one. A GPU pool that autoscales with minNodeCount: 0 and starts " +
    "with no nodes costs nothing between jobs; the autoscaler adds nodes when a job asks for GPUs.",
    "Give the GPU pool autoscaling with minNodeCount: 0, drop nodeCount, and set initialNodeCount: 0.",
    """
    gpuPool:
      type: gcp:container:NodePool
      properties:
        nodeCount: 2
    """,
    """
    gpuPool:
      type: gcp:container:NodePool
      properties:
        initialNodeCount: 0
        autoscaling:
          minNodeCount: 0
          maxNodeCount: 2
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (!resource.IsGpuNodePool) yield break;
        var properties = resource.Properties;
        var autoscaling = properties.Get("autoscaling");
        var min = autoscaling.Get("minNodeCount") ?? autoscaling.Get("totalMinNodeCount");
        if (autoscaling is null)
            yield return At(resource, $"GPU pool '{resource.Name}' does not autoscale");
        else if (min is not null && min.Int() is > 0)
            yield return At(resource, $"GPU pool '{resource.Name}' keeps at least {min.Text()} node(s) running");
        else if (properties.Get("nodeCount").Int() is > 0 || properties.Get("initialNodeCount").Int() is > 0)
            yield return At(resource, $"GPU pool '{resource.Name}' starts with GPU nodes running (nodeCount/initialNodeCount above 0)");
    }
}
