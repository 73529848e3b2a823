using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class HostNamespacesRule() : KubernetesRule(
    "MX1106", RuleFamily.Kubernetes, Severity.Error,
    "Pods do not share the node's network, process or IPC namespace",
    "hostNetwork, hostPID and hostIPC let a pod see and talk to everything on the node, bypass network policies " +
    "and collide on ports. Only node agents (driver installer, exporters) need them; allow-list those under " +
    "host_access_allow in .mx/lint.yaml.",
    "Remove hostNetwork/hostPID/hostIPC, or allow-list the DaemonSet under host_access_allow in .mx/lint.yaml.",
    """
    spec:
      hostNetwork: true
    """,
    """
    spec:
      hostNetwork: false   # or leave it out
    """)
{
    private static readonly string[] Fields = ["hostNetwork", "hostPID", "hostIPC"];

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (context.Config.AllowsHostAccess(o)) yield break;
        foreach (var pod in PodTemplate.In(o))
            foreach (var field in Fields)
                if (pod.Spec.Get(field) is { } value && value.IsTrue())
                    yield return new Violation(value.Line(), value.Column(), $"{o.Describe} sets {field}: true");
    }
}
