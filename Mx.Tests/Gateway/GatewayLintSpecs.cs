using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Gateway;

/// <summary>The front door's lint rules on the gateway sample and on routes, policies and Services written by hand.</summary>
public class GatewayLintSpecs
{
    private const string Route = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: demo
          namespace: apps
        spec:
          parentRefs:
            - {name: mx-gateway, namespace: gateway, sectionName: https}
          hostnames: [demo.acme-vision.acme.ai]
          rules:
            - backendRefs: [{name: demo, port: 8501}]
        """;

    private static string Policy(string @namespace = "apps", string service = "demo", string enabled = "true") => $$"""
        apiVersion: networking.gke.io/v1
        kind: GCPBackendPolicy
        metadata:
          name: {{service}}
          namespace: {{@namespace}}
        spec:
          default:
            iap: {enabled: {{enabled}}}
          targetRef: {group: "", kind: Service, name: {{service}}}
        """;

    private static IEnumerable<Finding> Findings(string ruleId, params (string Path, string Content)[] files)
    {
        using var project = LintProject.With(files);
        return project.Lint(new RecordedTools("", "")).Findings.Where(f => f.RuleId == ruleId && !f.IsSuppressed).ToList();
    }

    [Fact]
    public void The_gateway_sample_is_clean()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-gateway"));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        var errors = report.Findings.Where(f => f.Fails && !f.RuleId.StartsWith("MX7", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(f => $"{f.RuleId} {f.Path}:{f.Line} {f.Message}")));
    }

    [Fact]
    public void A_policy_with_iap_off_of_another_namespace_or_for_another_service_does_not_cover_a_route()
    {
        Assert.NotEmpty(Findings("MX1110", ("k8s/route.yaml", Route), ("k8s/iap.yaml", Policy(enabled: "false"))));
        Assert.NotEmpty(Findings("MX1110", ("k8s/route.yaml", Route), ("k8s/iap.yaml", Policy(@namespace: "serving"))));
        Assert.NotEmpty(Findings("MX1110", ("k8s/route.yaml", Route), ("k8s/iap.yaml", Policy(service: "other"))));
        Assert.Empty(Findings("MX1110", ("k8s/route.yaml", Route), ("k8s/iap.yaml", Policy())));
    }

    [Fact]
    public void Only_routes_on_mx_gateway_are_checked_and_each_backend_of_a_route_needs_iap()
    {
        var twoBackends = Route.Replace("[{name: demo, port: 8501}]", "[{name: demo, port: 8501}, {name: admin, port: 80}]", StringComparison.Ordinal);
        var otherGateway = Route.Replace("name: mx-gateway", "name: internal", StringComparison.Ordinal);

        var findings = Findings("MX1110", ("k8s/route.yaml", twoBackends), ("k8s/iap.yaml", Policy()));

        Assert.Contains("Service admin", Assert.Single(findings).Message);
        Assert.Empty(Findings("MX1110", ("k8s/route.yaml", otherGateway)));
    }

    [Theory]
    [InlineData("demo.acme-vision.acme.ai", true)]
    [InlineData("demo.eu.acme-vision.acme.ai", false)]
    [InlineData("acme-vision.acme.ai", false)]
    [InlineData("demo.acme.ai", false)]
    public void A_wildcard_certificate_covers_one_label_under_the_subdomain(string host, bool covered)
    {
        const string program = """
            resources:
              gatewayCertificate:
                type: gcp:certificatemanager:Certificate
                properties:
                  managed:
                    domains: ["*.acme-vision.acme.ai"]
            """;

        var findings = Findings("MX1111", ("k8s/route.yaml", Route.Replace("demo.acme-vision.acme.ai", host, StringComparison.Ordinal)),
            ("k8s/iap.yaml", Policy()), ("pulumi/Main.yaml", program));

        Assert.Equal(covered, findings.Count() == 0);
    }

    [Theory]
    [InlineData("LoadBalancer")]
    [InlineData("NodePort")]
    public void A_service_outside_the_gateway_is_flagged_even_when_labelled_as_mxs_ingress(string type)
    {
        var service = $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: demo
              labels:
                app.kubernetes.io/managed-by: mx
                app.kubernetes.io/component: ingress
            spec:
              type: {type}
            """;

        Assert.Contains("without mx-gateway", Assert.Single(Findings("MX1108", ("k8s/service.yaml", service))).Message);
    }
}
