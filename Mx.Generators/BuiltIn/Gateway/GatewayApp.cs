using System.Globalization;
using System.Text;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// The one way an app gets onto the front door: its HTTPRoute on the Gateway's HTTPS listener and the
/// GCPBackendPolicy that puts its Service behind Identity-Aware Proxy, written together, so that mx cannot generate a
/// route without IAP. StreamlitApp, ModelServing and the docs' examples all come from here.
/// </summary>
internal static class GatewayApp
{
    /// <summary>The kind of an app's route, as kubectl names it fully (other groups have HTTPRoutes too).</summary>
    public const string RouteKind = "httproutes.gateway.networking.k8s.io";

    /// <summary>The kinds of an app's policies, named after its Service.</summary>
    public static IReadOnlyList<string> PolicyKinds { get; } = ["gcpbackendpolicies.networking.gke.io", "healthcheckpolicies.networking.gke.io"];

    /// <summary>
    /// The app's objects as one multi-document YAML text: the HTTPRoute (label <c>mx.dev/app</c>), the
    /// GCPBackendPolicy with IAP on, and a HealthCheckPolicy when the backend names a health path.
    /// </summary>
    public static string Manifests(Answers answers, GatewayBackend backend)
    {
        if (!FrontDoor.IsConfigured(answers))
            throw new MxException($"'{backend.App}' is served behind the project's Gateway, which the project does not have yet. " +
                                  "Run 'mx generate DeploymentInfrastructure --domain DOMAIN --dns-zone ZONE' first, then this command again.");
        if (!FrontDoor.Label().IsMatch(backend.App))
            throw new MxException($"'{backend.App}' cannot name an app behind the Gateway: it becomes the hostname's first label, so use 1-63 lowercase letters, digits and '-'.");
        var host = FrontDoor.AppHost(answers, backend.App);
        var project = answers.GetString("project_name");
        var port = backend.Port.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # https://{host}: only members granted roles/iap.httpsResourceAccessor (the iap_members answer) get through
            # Identity-Aware Proxy to the Service {backend.Service}; the route and its IAP policy are written together.
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: {backend.RouteName}
              namespace: {backend.Namespace}
              labels:
            {Labels(backend.App, project)}
            spec:
              parentRefs:
                - name: {FrontDoor.GatewayName}
                  namespace: {FrontDoor.Namespace}
                  sectionName: {FrontDoor.HttpsListener}
              hostnames:
                - {host}
              rules:
                - {Matches(backend.PathPrefix)}backendRefs:
                    - name: {backend.Service}
                      port: {port}
            ---
            # IAP with the Google-managed OAuth client: no client id or secret to keep, and only accounts of the
            # project's organisation can sign in.
            apiVersion: networking.gke.io/v1
            kind: GCPBackendPolicy
            metadata:
              name: {backend.Service}
              namespace: {backend.Namespace}
              labels:
            {Labels(backend.App, project)}
            spec:
              default:
            {Timeout(backend)}    iap:
                  enabled: true
              targetRef:
                group: ""
                kind: Service
                name: {backend.Service}

            """);
        if (backend.HealthCheckPath is { } path)
            text.Append(CultureInfo.InvariantCulture, $"""
                ---
                # The load balancer sends traffic only to pods that answer {path}.
                apiVersion: networking.gke.io/v1
                kind: HealthCheckPolicy
                metadata:
                  name: {backend.Service}
                  namespace: {backend.Namespace}
                  labels:
                {Labels(backend.App, project)}
                spec:
                  default:
                    config:
                      type: HTTP
                      httpHealthCheck:
                        port: {port}
                        requestPath: {path}
                  targetRef:
                    group: ""
                    kind: Service
                    name: {backend.Service}

                """);
        return text.ToString();
    }

    private static string Timeout(GatewayBackend backend) =>
        backend.TimeoutSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"    timeoutSec: {seconds}\n") : "";

    // Gateway API matches a prefix by whole path elements: /v2/models/a does not take /v2/models/ab.
    private static string Matches(string? prefix) => prefix is null ? "" : $"matches:\n        - path:\n            type: PathPrefix\n            value: {prefix}\n      ";

    private static string Labels(string app, string project) =>
        $"    {FrontDoor.AppLabel}: {app}\n    app.kubernetes.io/name: {app}\n    app.kubernetes.io/part-of: {project}\n    app.kubernetes.io/managed-by: mx";
}
