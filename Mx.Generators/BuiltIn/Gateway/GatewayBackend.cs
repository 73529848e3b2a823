namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// An app behind the Gateway: reached at <c>https://App.SUBDOMAIN.DOMAIN</c>, served by <paramref name="Service"/> on
/// <paramref name="Port"/> in <paramref name="Namespace"/>. <paramref name="HealthCheckPath"/> is the path the load
/// balancer probes; without it GKE probes <c>/</c>. With <paramref name="PathPrefix"/> the Service gets only that
/// path of the app's host, so several Services share one app (served models under <c>/v2/models/NAME</c>); each has
/// a route of its own, which the Gateway merges.
/// </summary>
internal sealed record GatewayBackend(string App, string Namespace, string Service, int Port, string? HealthCheckPath = null, string? PathPrefix = null)
{
    /// <summary>The HTTPRoute's name: the app's, or with a path prefix the app's and the Service's.</summary>
    public string RouteName => PathPrefix is null ? App : $"{App}-{Service}";

    /// <summary>
    /// The load balancer's backend service timeout (GCPBackendPolicy <c>timeoutSec</c>): how long a request may take, and
    /// how long a WebSocket may stay open; null keeps GKE's 30 seconds.
    /// </summary>
    public int? TimeoutSeconds { get; init; }
}
