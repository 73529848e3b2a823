using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class ResourcesSetRule() : KubernetesRule(
    "MX1102", RuleFamily.Kubernetes, Severity.Error,
    "Every container sets CPU and memory requests and limits",
    "The scheduler places pods by their requests and the kubelet evicts by their limits. A container without " +
    "them lands on a full node, starves its neighbours (an MLflow server next to a data loader) or is the first " +
    "to be killed, and the autoscaler cannot size node pools for it.",
    "Add resources.requests and resources.limits with cpu and memory to the container.",
    """
    containers:
      - name: api
        image: acme/api:1.4.2
    """,
    """
    containers:
      - name: api
        image: acme/api:1.4.2
        resources:
          requests: {cpu: 250m, memory: 512Mi}
          limits: {cpu: "1", memory: 1Gi}
    """)
{
    private static readonly string[] Required = ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        // A TrainJob sets its nodes' resources in spec.trainer.resourcesPerNode; its runtime patches cannot.
        if (o.Kind == "TrainJob")
        {
            var trainer = o.Root.Get("spec").Get("trainer");
            var perNode = trainer.Get("resourcesPerNode");
            var absent = Required.Where(r => perNode.At(r.Split('.')) is null).ToList();
            if (absent.Count > 0)
            {
                var at = trainer ?? o.Root;
                yield return new Violation(at.Line(), at.Column(), $"{o.Describe} sets no spec.trainer.resourcesPerNode {string.Join(", ", absent)}");
            }
        }
        foreach (var container in PodTemplate.In(o).Where(p => !p.IsRuntimePatch).SelectMany(p => p.Containers))
        {
            var resources = container.Get("resources");
            var missing = Required.Where(r => resources.At(r.Split('.')) is null).ToList();
            if (missing.Count > 0)
                yield return new Violation(container.Line(), container.Column(),
                    $"container '{ContainerName(container)}' of {o.Describe} sets no {string.Join(", ", missing)}");
        }
    }
}
