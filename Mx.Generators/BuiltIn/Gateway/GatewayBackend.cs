namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// An app behind the Gateway: reached at <c>https://App.SUBDOMAIN.DOMAIN</c>, served by <paramref name="Service"/> on
/// <paramref name="Port"/> in <paramref name="Namespace"/>. <paramref name="HealthCheckPath"/> is the path the load
/// balancer probes; without it GKE probes <c>/</c>.
/// </summary>
internal sealed record GatewayBackend(string App, string Namespace, string Service, int Port, string? HealthCheckPath = null);
