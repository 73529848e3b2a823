using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class RunAsNonRootRule() : KubernetesRule(
    "MX1107", RuleFamily.Kubernetes, Severity.Error,
    "Pods run as a non-root user (runAsNonRoot: true)",
    "With runAsNonRoot the kubelet refuses to start a container whose image would run as root, so a base image " +
    "that forgot its USER line fails loudly instead of running with root's power over mounted volumes.",
    "Set securityContext.runAsNonRoot: true (and a runAsUser) on the pod, or on every container.",
    """
    spec:
      containers:
        - name: app
          image: acme/app:1.0.0
    """,
    """
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
      containers:
        - name: app
          image: acme/app:1.0.0
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (context.Config.AllowsHostAccess(o)) yield break;
        foreach (var pod in PodTemplate.In(o))
        {
            var podNonRoot = pod.Spec.At("securityContext", "runAsNonRoot").IsTrue() && pod.Spec.At("securityContext", "runAsUser").Text() != "0";
            foreach (var container in pod.Containers)
            {
                var own = container.At("securityContext", "runAsNonRoot");
                var nonRoot = own is null ? podNonRoot : own.IsTrue();
                if (container.At("securityContext", "runAsUser").Text() == "0") nonRoot = false;
                if (!nonRoot)
                    yield return new Violation(container.Line(), container.Column(),
                        $"container '{ContainerName(container)}' of {o.Describe} may run as root (no runAsNonRoot: true)");
            }
        }
    }
}
