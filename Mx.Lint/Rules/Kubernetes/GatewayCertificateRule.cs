using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class GatewayCertificateRule() : KubernetesRule(
    "MX1111", RuleFamily.Kubernetes, Severity.Error,
    "Every hostname of an HTTPRoute on mx-gateway is covered by the project's certificate",
    "mx-gateway serves the Certificate Manager certificate of the cluster program, a wildcard of one label under the " +
    "project's subdomain. A hostname outside it (a deeper name, another domain, a typo) is served with a certificate " +
    "browsers reject, or never reaches the HTTPS listener at all.",
    "Use NAME.SUBDOMAIN.DOMAIN, one label in front of the subdomain the certificate's wildcard covers (mx open NAME prints it).",
    """
    kind: HTTPRoute
    spec:
      parentRefs: [{name: mx-gateway}]
      hostnames: [demo.eu.acme-vision.acme.ai]   # *.acme-vision.acme.ai covers one label only
    """,
    """
    kind: HTTPRoute
    spec:
      parentRefs: [{name: mx-gateway}]
      hostnames: [demo.acme-vision.acme.ai]
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var certificates = context.Facts.CertificateHosts;
        // A route linted without the cluster program has nothing to be compared with.
        if (certificates.Count == 0 || !GatewayRouteIapRule.OnGateway(o)) yield break;
        foreach (var hostname in o.Root.At("spec", "hostnames").Items())
            if (hostname.Text() is { } host && !certificates.Any(c => Covers(c, host)))
                yield return new Violation(hostname.Line(), hostname.Column(),
                    $"{o.Describe} serves {host}, which no certificate of the project covers ({string.Join(", ", certificates.Order(StringComparer.Ordinal))})");
    }

    // A certificate's wildcard stands for exactly one label (RFC 6125, section 6.4.3).
    internal static bool Covers(string certificate, string host) =>
        certificate.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(certificate[1..], StringComparison.OrdinalIgnoreCase) && host.IndexOf('.', StringComparison.Ordinal) == host.Length - certificate.Length + 1
            : string.Equals(certificate, host, StringComparison.OrdinalIgnoreCase);
}
