namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// An app behind the Gateway: reached at <c>https://App.SUBDOMAIN.DOMAIN</c>, served by <paramref name="Service"/> on
/// <paramref name="Port"/> in <paramref name="Namespace"/>. <paramref name="HealthCheckPath"/> is the path the load
/// balancer probes; without it GKE probes <c>/</c>.
/// </summary>
internal sealed record GatewayBackend(string App, string Namespace, string Service, int Port, string? HealthCheckPath = null)
{
    /// <summary>
    /// The load balancer's backend service timeout (GCPBackendPolicy <c>timeoutSec</c>): how long a request may take, and
    /// how long a WebSocket may stay open; null keeps GKE's 30 seconds.
    /// </summary>
    public int? TimeoutSeconds { get; init; }
}
