using System.Text.Json.Nodes;
using Mx.Tests.Training;

namespace Mx.Tests.Gateway;

/// <summary>
/// What the API server and GKE's Gateway controller would refuse in the front door's objects beyond their schemas:
/// the pinned CRDs' CEL rules (Gateway API v1.2.1 standard channel; GKE's networking.gke.io policies of
/// GoogleCloudPlatform/gke-gateway-api v1.4.0) that the generated objects could break, and the GKE rules of
/// "Secure a Gateway" and "Configure Gateway resources using Policies" that no schema carries. Each rule names
/// where it comes from.
/// </summary>
public static class FrontDoorRules
{
    private static string Crds => Path.Combine(AppContext.BaseDirectory, "Schemas", "crds");

    /// <summary>The pinned CRD of every kind the front door writes, by kind.</summary>
    public static async Task<IReadOnlyDictionary<string, CrdSchema>> SchemasAsync()
    {
        var schemas = new Dictionary<string, CrdSchema>(StringComparer.Ordinal);
        foreach (var (file, version) in new[]
                 {
                     ("gateway.networking.k8s.io_gateways.v1.2.1.yaml", "v1"), ("gateway.networking.k8s.io_httproutes.v1.2.1.yaml", "v1"),
                     ("networking.gke.io_gcpbackendpolicies.v1.4.0.yaml", "v1"), ("networking.gke.io_healthcheckpolicies.v1.4.0.yaml", "v1"),
                     ("networking.gke.io_gcpgatewaypolicies.v1.4.0.yaml", "v1"),
                 })
        {
            var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, file), version);
            schemas[schema.Kind] = schema;
        }
        return schemas;
    }

    /// <summary>Every schema and rule problem of <paramref name="objects"/>; empty when all of them would be accepted and work.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IEnumerable<JsonNode> objects)
    {
        var schemas = await SchemasAsync();
        var all = objects.ToArray();
        var problems = new List<string>();
        foreach (var o in all)
        {
            var kind = Kind(o);
            if (schemas.TryGetValue(kind, out var schema))
                problems.AddRange(schema.Validate(o).Select(p => $"{kind} {Name(o)}: {p}"));
        }
        problems.AddRange(Problems(all));
        return problems;
    }

    /// <summary>The rules alone, for objects already valid against their schemas.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<JsonNode> objects)
    {
        var problems = new List<string>();
        foreach (var gateway in objects.Where(o => Kind(o) == "Gateway"))
        {
            var listeners = gateway["spec"]!["listeners"]!.AsArray().Select(l => l!).ToArray();
            var certmap = gateway["metadata"]!["annotations"]?["networking.gke.io/certmap"];
            // gateways CRD v1.2.1, spec.listeners x-kubernetes-validations: names unique; port, protocol and hostname unique.
            if (listeners.Select(l => Str(l["name"])).Distinct().Count() != listeners.Length) problems.Add($"Gateway {Name(gateway)}: listener names must be unique");
            if (listeners.Select(l => $"{l["port"]}/{Str(l["protocol"])}/{Str(l["hostname"])}").Distinct().Count() != listeners.Length)
                problems.Add($"Gateway {Name(gateway)}: the combination of port, protocol and hostname must be unique for each listener");
            // Same rules: HTTP listeners carry no tls.
            foreach (var l in listeners.Where(l => Str(l["protocol"]) == "HTTP" && l["tls"] is not null))
                problems.Add($"Gateway {Name(gateway)}: tls must not be specified for protocol HTTP (listener {Str(l["name"])})");
            foreach (var l in listeners.Where(l => Str(l["protocol"]) == "HTTPS"))
            {
                // GKE "Secure a Gateway": the certmap annotation and tls.certificateRefs on one Gateway is an error;
                // an HTTPS listener without either has no certificate to serve.
                var refs = l["tls"]?["certificateRefs"]?.AsArray().Count ?? 0;
                if (certmap is not null && refs > 0) problems.Add($"Gateway {Name(gateway)}: networking.gke.io/certmap with tls.certificateRefs on listener {Str(l["name"])} is an error for GKE");
                if (certmap is null && refs == 0) problems.Add($"Gateway {Name(gateway)}: HTTPS listener {Str(l["name"])} has no certificate (no certmap annotation, no certificateRefs)");
            }
            // GKE "Gateway addresses": a global Gateway names its reserved global address by NamedAddress.
            foreach (var a in gateway["spec"]!["addresses"]?.AsArray() ?? [])
                if (Str(a!["type"]) != "NamedAddress") problems.Add($"Gateway {Name(gateway)}: GKE's global Gateway takes a NamedAddress, not {Str(a["type"])}");
        }
        foreach (var route in objects.Where(o => Kind(o) == "HTTPRoute"))
        {
            foreach (var rule in route["spec"]!["rules"]?.AsArray() ?? [])
            {
                var backends = rule!["backendRefs"]?.AsArray() ?? [];
                var redirect = (rule["filters"]?.AsArray() ?? []).Any(f => Str(f!["type"]) == "RequestRedirect");
                // httproutes CRD v1.2.1, spec.rules[]: "RequestRedirect filter must not be used together with backendRefs".
                if (redirect && backends.Count > 0) problems.Add($"HTTPRoute {Name(route)}: RequestRedirect filter must not be used together with backendRefs");
                // Same CRD, backendRefs[]: "Must have port for Service reference" (group '' and kind Service are the defaults).
                foreach (var b in backends)
                    if ((Str(b!["group"]) ?? "") == "" && (Str(b["kind"]) ?? "Service") == "Service" && b["port"] is null)
                        problems.Add($"HTTPRoute {Name(route)}: backendRef {Str(b["name"])} must have port for Service reference");
            }
            // Gateway API "Hostnames": a route attaches to a listener only when one of its hostnames matches the listener's.
            foreach (var parent in route["spec"]!["parentRefs"]?.AsArray() ?? [])
            {
                var gateway = objects.FirstOrDefault(o => Kind(o) == "Gateway" && Name(o) == Str(parent!["name"]) && Namespace(o) == (Str(parent["namespace"]) ?? Namespace(route)));
                var listener = gateway?["spec"]!["listeners"]!.AsArray().FirstOrDefault(l => Str(l!["name"]) == Str(parent!["sectionName"]));
                if (gateway is not null && listener is null) problems.Add($"HTTPRoute {Name(route)}: Gateway {Name(gateway)} has no listener '{Str(parent!["sectionName"])}'");
                if (listener?["hostname"] is { } pattern && route["spec"]!["hostnames"] is JsonArray hostnames
                    && !hostnames.Any(h => Covers(Str(pattern)!, Str(h)!)))
                    problems.Add($"HTTPRoute {Name(route)}: no hostname matches listener {Str(listener["name"])} ({Str(pattern)})");
                // Gateway API "allowedRoutes": from: Same admits only routes of the Gateway's namespace.
                if (listener?["allowedRoutes"]?["namespaces"]?["from"] is { } from && Str(from) == "Same" && Namespace(route) != Namespace(gateway!))
                    problems.Add($"HTTPRoute {Name(route)}: listener {Str(listener["name"])} admits only routes of namespace {Namespace(gateway!)}");
            }
        }
        foreach (var policy in objects.Where(o => Kind(o) is "GCPBackendPolicy" or "HealthCheckPolicy" or "GCPGatewayPolicy"))
        {
            var target = policy["spec"]!["targetRef"]!;
            // targetRef.namespace of the GKE policies: a policy applies within its own namespace only.
            if (Str(target["namespace"]) is { } ns && ns != Namespace(policy)) problems.Add($"{Kind(policy)} {Name(policy)}: targets namespace {ns}, not its own");
            if (!objects.Any(o => Kind(o) == Str(target["kind"]) && Name(o) == Str(target["name"]) && Namespace(o) == Namespace(policy)))
                problems.Add($"{Kind(policy)} {Name(policy)}: its target {Str(target["kind"])} {Str(target["name"])} is not in namespace {Namespace(policy)}");
            // gcpbackendpolicies CRD: a custom OAuth client needs both its id and its secret; without either IAP uses
            // the Google-managed OAuth client (IAP "Customize an OAuth configuration").
            if (policy["spec"]!["default"]?["iap"] is { } iap && (iap["clientID"] is null) != (iap["oauth2ClientSecret"] is null))
                problems.Add($"{Kind(policy)} {Name(policy)}: IAP needs both clientID and oauth2ClientSecret, or neither (Google-managed OAuth client)");
        }
        return problems;
    }

    /// <summary>Whether a listener or certificate hostname (possibly a wildcard) covers <paramref name="host"/>.</summary>
    public static bool Covers(string pattern, string host) =>
        pattern.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(pattern[1..], StringComparison.Ordinal) && host.Length > pattern.Length - 1
            : pattern == host;

    private static string Kind(JsonNode o) => Str(o["kind"])!;

    private static string Name(JsonNode o) => Str(o["metadata"]!["name"])!;

    private static string Namespace(JsonNode o) => Str(o["metadata"]!["namespace"]) ?? "default";

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;
}
