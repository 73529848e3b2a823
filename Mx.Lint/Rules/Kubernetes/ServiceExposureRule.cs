using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class ServiceExposureRule() : KubernetesRule(
    "MX1108", RuleFamily.Kubernetes, Severity.Error,
    "No LoadBalancer or NodePort Services, except those an ingress generator writes",
    "A LoadBalancer Service puts the workload on the internet with a public IP and no authentication; a " +
    "NodePort opens a port on every node. mx projects reach internal tools such as MLflow through port-forward " +
    "(mx flow connect), and public endpoints only through an ingress generator's reviewed manifests.",
    "Use type: ClusterIP and reach it with port-forward, or generate an ingress with mx.",
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
        if (FromIngressGenerator(o, file, context)) yield break;
        yield return new Violation(type.Line(), type.Column(), $"{o.Describe} is of type {type.Text()}, reachable from outside the cluster");
    }

    // mx's ingress generators label what they write as the ingress component; the file must also be one mx wrote.
    private static bool FromIngressGenerator(KubeObject o, LintFile file, LintContext context) =>
        o.Labels.Get("app.kubernetes.io/managed-by").Text() == "mx" &&
        o.Labels.Get("app.kubernetes.io/component").Text() == "ingress" &&
        context.State?.Files.ContainsKey(file.RelativePath) == true;
}
