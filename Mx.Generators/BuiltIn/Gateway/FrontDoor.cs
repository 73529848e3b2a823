using System.Text.RegularExpressions;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// The front door every app of the project shares: the answers that name it (the parent domain and its Cloud DNS
/// zone, the project's subdomain, who may enter), the Gateway's names, and the hostname an app gets. Generators of
/// apps read these answers from state, so every app is reached the same way.
/// </summary>
internal static partial class FrontDoor
{
    public const string GatewayName = "mx-gateway";
    public const string Namespace = "gateway";
    public const string GatewayClass = "gke-l7-global-external-managed";
    public const string HttpsListener = "https";
    public const string HttpListener = "http";

    /// <summary>The label that names the app of an HTTPRoute; <c>mx open NAME</c> finds a route by it.</summary>
    public const string AppLabel = "mx.dev/app";

    /// <summary>The only role IAP checks before it lets a request through to a backend.</summary>
    public const string AccessorRole = "roles/iap.httpsResourceAccessor";

    public static IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("domain", ParameterType.String, "The company's parent domain, whose Cloud DNS zone gets the project's records (e.g. acme.ai)")
        {
            Validate = (value, _) => DomainProblem((string)value),
            ValidationDescription = "a DNS name such as acme.ai (lowercase labels of letters, digits and '-', at least two)",
        },
        new("dns_zone", ParameterType.String, "Name of the Cloud DNS managed zone of the domain (e.g. acme-ai)")
        {
            Validate = (value, _) => ZoneName().IsMatch((string)value) ? null
                : $"'{value}' is not a Cloud DNS managed zone name; zone names are 1-63 lowercase letters, digits and '-', starting with a letter (see 'gcloud dns managed-zones list').",
            ValidationDescription = "a managed zone name (lowercase letters, digits, '-'; starts with a letter)",
        },
        new("dns_project", ParameterType.String, "GCP project that holds the DNS zone")
        {
            Default = a => a.GetString("gcp_project"),
            DefaultDescription = "the gcp_project answer",
            Validate = (value, _) => Validators.GcpProjectId(value),
            ValidationDescription = "a GCP project id",
        },
        new("subdomain", ParameterType.String, "The project's subdomain of the domain: apps are reached at NAME.SUBDOMAIN.DOMAIN")
        {
            Default = a => a.GetString("project_name"),
            DefaultDescription = "the project name",
            Validate = (value, a) => SubdomainProblem((string)value, a),
            ValidationDescription = "a DNS-1123 label (lowercase letters, digits and '-', at most 63)",
        },
        new("iap_members", ParameterType.StringList, "Who may open the apps through Identity-Aware Proxy: IAM members such as group:ml@acme.ai, user:ada@acme.ai, domain:acme.ai")
        {
            Default = a => a.TryGetValue("engineers", out var engineers) && ((IReadOnlyList<string>)engineers).Count > 0
                ? ((IReadOnlyList<string>)engineers).Select(e => "user:" + e).ToArray()
                : null,
            DefaultDescription = "the engineers (user:EMAIL each); required when the project names none",
            Validate = (value, _) => MembersProblem((IReadOnlyList<string>)value),
            ValidationDescription = "group:EMAIL, user:EMAIL, serviceAccount:EMAIL or domain:DOMAIN, at least one",
        },
    ];

    /// <summary>The project's subdomain as a DNS name, e.g. <c>acme-vision.acme.ai</c>; the certificate covers its wildcard.</summary>
    public static string Host(Answers answers) => $"{answers.GetString("subdomain")}.{answers.GetString("domain")}";

    /// <summary>Where app <paramref name="app"/> is reached.</summary>
    public static string AppHost(Answers answers, string app) => $"{app}.{Host(answers)}";

    /// <summary>Whether DeploymentInfrastructure's answers are in state, so an app generator can put an app behind the gateway.</summary>
    public static bool IsConfigured(Answers answers) => answers.ContainsKey("domain") && answers.ContainsKey("subdomain");

    /// <summary>Null when <paramref name="domain"/> is a DNS name mx can put a subdomain under.</summary>
    internal static string? DomainProblem(string domain)
    {
        if (domain.EndsWith('.')) domain = domain[..^1];
        var labels = domain.Split('.');
        if (domain.Length > 200 || labels.Length < 2 || !labels.All(l => Label().IsMatch(l)))
            return $"'{domain}' is not a domain mx can use: give the parent domain as lowercase DNS labels of letters, digits and '-' separated by dots, such as acme.ai.";
        return null;
    }

    private static string? SubdomainProblem(string subdomain, Answers answers)
    {
        if (!Label().IsMatch(subdomain))
            return $"'{subdomain}' is not a DNS-1123 label: use 1-63 lowercase letters, digits and '-', starting and ending with a letter or digit, such as acme-vision.";
        // The longest app label mx generates ('label', 'serve', an app name) still has to fit into a hostname.
        if (answers.TryGetValue("domain", out var domain) && subdomain.Length + ((string)domain).Length > 190)
            return $"{subdomain}.{domain} is too long to put app names in front of it; choose a shorter subdomain.";
        return null;
    }

    internal static string? MembersProblem(IReadOnlyList<string> members)
    {
        if (members.Count == 0)
            return "nobody could open the apps: name at least one IAM member, such as group:ml@acme.ai or user:ada@acme.ai.";
        foreach (var member in members)
        {
            var colon = member.IndexOf(':', StringComparison.Ordinal);
            var kind = colon > 0 ? member[..colon] : "";
            var id = colon > 0 ? member[(colon + 1)..] : "";
            var valid = kind switch
            {
                "user" or "group" or "serviceAccount" => Email().IsMatch(id),
                "domain" => DomainProblem(id) is null,
                _ => false,
            };
            if (!valid)
                return $"'{member}' is not an IAM member IAP can grant access to; write group:ml@acme.ai, user:ada@acme.ai, serviceAccount:NAME@PROJECT.iam.gserviceaccount.com or domain:acme.ai.";
        }
        return null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    internal static partial Regex Label();

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex ZoneName();

    // Google account and group addresses: no '$', '{' or '}', so a member never becomes a Pulumi interpolation.
    [GeneratedRegex("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+\\z")]
    private static partial Regex Email();
}
