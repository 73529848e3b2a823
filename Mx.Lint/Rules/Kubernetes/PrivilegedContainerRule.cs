using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class PrivilegedContainerRule() : KubernetesRule(
    "MX1104", RuleFamily.Kubernetes, Severity.Error,
    "No privileged containers, except allow-listed driver and exporter DaemonSets",
    "A privileged container is root on the node: it sees every GPU, every other pod's data and the kubelet's " +
    "credentials. Only node agents such as the NVIDIA driver installer or the DCGM exporter need it; list those " +
    "under host_access_allow in .mx/lint.yaml.",
    "Remove securityContext.privileged, or allow-list the DaemonSet under host_access_allow in .mx/lint.yaml.",
    """
    containers:
      - name: app
        securityContext:
          privileged: true
    """,
    """
    containers:
      - name: app
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: ["ALL"]}
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (context.Config.AllowsHostAccess(o)) yield break;
        foreach (var container in PodTemplate.In(o).SelectMany(p => p.Containers))
            if (container.At("securityContext", "privileged") is { } privileged && privileged.IsTrue())
                yield return new Violation(privileged.Line(), privileged.Column(),
                    $"container '{ContainerName(container)}' of {o.Describe} runs privileged");
    }
}
