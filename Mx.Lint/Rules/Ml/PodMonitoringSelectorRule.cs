using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class PodMonitoringSelectorRule() : KubernetesRule(
    "MX2109", RuleFamily.MlWorkloads, Severity.Error,
    "Managed Prometheus PodMonitorings and ClusterPodMonitorings select the pods of a workload the project declares",
    "Managed Service for Prometheus scrapes the pods a (Cluster)PodMonitoring's selector matches, and a PodMonitoring " +
    "only in its own namespace. A selector no workload's pod template carries scrapes nothing and says nothing: the " +
    "GPU dashboards stay empty and the alerts that look for the exporter's metrics never fire or fire for every node.",
    "Use labels of the workload's pod template (spec.template.metadata.labels) in spec.selector.matchLabels.",
    """
    kind: ClusterPodMonitoring
    spec:
      selector:
        matchLabels:
          app.kubernetes.io/name: dcgm   # the DaemonSet's pods are dcgm-exporter
    """,
    """
    kind: ClusterPodMonitoring
    spec:
      selector:
        matchLabels:
          app.kubernetes.io/name: dcgm-exporter
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var facts = context.Facts;
        // Without workloads in the project (a monitor linted alone) there is nothing to compare with.
        if (facts.PodLabels.Count == 0 || o.Group != "monitoring.googleapis.com" || o.Kind is not ("PodMonitoring" or "ClusterPodMonitoring")) yield break;
        var selector = o.Root.At("spec", "selector");
        if (selector.Get("matchExpressions").Items().Any() || selector.Get("matchLabels") is not { } matchLabels) yield break;
        var wanted = matchLabels.Entries().Where(e => e.Value.Text() is not null).Select(e => $"{e.Key}={e.Value.Text()}").ToArray();
        if (wanted.Length == 0) yield break;
        var inScope = o.Kind == "ClusterPodMonitoring" || o.Namespace is null
            ? facts.PodLabels
            : facts.PodLabels.Where(p => p.Namespace.Length == 0 || p.Namespace == o.Namespace);
        if (inScope.Any(p => wanted.All(p.Labels.Contains))) yield break;
        yield return new Violation(matchLabels.Line(), matchLabels.Column(),
            $"{o.Describe} selects pods labelled {string.Join(", ", wanted)}, which no workload of the project{(o.Kind == "PodMonitoring" && o.Namespace is { } ns ? $" in namespace '{ns}'" : "")} has all of");
    }
}
