using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class GatewayRouteIapRule() : KubernetesRule(
    "MX1110", RuleFamily.Kubernetes, Severity.Error,
    "Every HTTPRoute on mx-gateway sends traffic only to Services behind Identity-Aware Proxy",
    "mx-gateway is on the internet. Identity-Aware Proxy is switched on per backend Service by a GKE " +
    "GCPBackendPolicy with iap.enabled, so a route to a Service without one serves that app to anyone who " +
    "finds its hostname. mx writes every app's route together with its policy; a route added by hand needs one too.",
    "Add a GCPBackendPolicy (networking.gke.io/v1) in the Service's namespace whose targetRef is the Service and whose " +
    "spec.default.iap.enabled is true, or let an mx generator write the route.",
    """
    kind: HTTPRoute
    spec:
      parentRefs: [{name: mx-gateway, namespace: gateway, sectionName: https}]
      rules:
        - backendRefs: [{name: demo, port: 8501}]   # no GCPBackendPolicy for Service demo
    """,
    """
    kind: GCPBackendPolicy
    spec:
      default: {iap: {enabled: true}}
      targetRef: {group: "", kind: Service, name: demo}
    """)
{
    /// <summary>The project's Gateway, which DeploymentInfrastructure writes to the namespace 'gateway'.</summary>
    internal const string Gateway = "mx-gateway";

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (!OnGateway(o)) yield break;
        foreach (var rule in o.Root.At("spec", "rules").Items())
            foreach (var backend in rule.Get("backendRefs").Items())
            {
                if ((backend.Get("group").Text() ?? "") != "" || (backend.Get("kind").Text() ?? "Service") != "Service") continue;
                if (backend.Get("name").Text() is not { } service) continue;
                var @namespace = backend.Get("namespace").Text() ?? o.Namespace;
                if (context.Facts.IsBehindIap(@namespace, service)) continue;
                yield return new Violation(backend.Line(), backend.Column(),
                    $"{o.Describe} sends traffic from {Gateway} to Service {service}{(@namespace is null ? "" : $" in namespace '{@namespace}'")}, which no GCPBackendPolicy puts behind IAP");
            }
    }

    internal static bool OnGateway(KubeObject o) =>
        o.Kind == "HTTPRoute" && o.Group == "gateway.networking.k8s.io"
        && o.Root.At("spec", "parentRefs").Items().Any(p => p.Get("name").Text() == Gateway && (p.Get("kind").Text() ?? "Gateway") == "Gateway");
}
