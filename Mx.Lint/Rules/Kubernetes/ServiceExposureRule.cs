using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class ServiceExposureRule() : KubernetesRule(
    "MX1108", RuleFamily.Kubernetes, Severity.Error,
    "No LoadBalancer or NodePort Services: apps leave the cluster only through mx-gateway",
    "A LoadBalancer Service puts the workload on the internet with a public IP and no authentication; a " +
    "NodePort opens a port on every node. mx projects reach internal tools such as MLflow through port-forward " +
    "(mx flow connect), and serve apps only through the project's Gateway (DeploymentInfrastructure), where every " +
    "route has TLS and Identity-Aware Proxy in front of it.",
    "Use type: ClusterIP and reach it with port-forward, or put it behind mx-gateway (mx generate StreamlitApp / ModelServing).",
    """
    kind: Service
    spec:
      type: LoadBalancer
    """,
    """
    kind: Service
    spec:
      type: ClusterIP
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (o.Kind != "Service" || o.Root.At("spec", "type") is not { } type || type.Text() is not ("LoadBalancer" or "NodePort")) yield break;
        yield return new Violation(type.Line(), type.Column(), $"{o.Describe} is of type {type.Text()}, reachable from outside the cluster without mx-gateway");
    }
}
