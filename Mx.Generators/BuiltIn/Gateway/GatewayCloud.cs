using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// DeploymentInfrastructure's part of the skeleton's cluster program, as a structured edit: the Gateway API on the
/// cluster, the global static IP and its wildcard DNS record, a Google-managed wildcard certificate through
/// Certificate Manager (DNS authorisation, certificate map), a TLS policy, the APIs, the IAP access of the allowed
/// members, and the account programs call the apps as (<see cref="IapCaller"/>).
/// </summary>
internal static class GatewayCloud
{
    /// <summary>Program resource and output names of the front door start with this, which the skeleton's never do.</summary>
    public const string Prefix = "gateway";

    private const string ClusterProgram = ClusterProgramFragment.ClusterProgram;

    public static string AddressName(Answers a) => $"{a.GetString("project_name")}-gateway";

    public static string CertificateMapName(Answers a) => $"{a.GetString("project_name")}-gateway";

    public static string SslPolicyName(Answers a) => $"{a.GetString("project_name")}-gateway";

    public static FileEdit Edit(Answers answers) =>
        new(ClusterProgram, "add the front door: Gateway API, static IP, DNS records, wildcard certificate and IAP access",
            program => Apply(program, answers));

    private static string Apply(string program, Answers answers)
    {
        var document = YamlDocument.Parse(program, ClusterProgram);
        var properties = ClusterProgramFragment.ClusterProperties(document, "turn on the Gateway API");
        var changed = ClusterProgramFragment.SetIfDifferent(properties, "gatewayApiConfig", GatewayApiConfig());
        static bool Owned(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);
        changed |= ClusterProgramFragment.Merge(ClusterProgramFragment.Section(document, "resources"), Entries(Resources(answers)), Owned);
        changed |= ClusterProgramFragment.Merge(ClusterProgramFragment.Section(document, "outputs"), Entries(Outputs(answers)), Owned);
        return changed ? document.Write() : program;
    }

    private static KeyValuePair<YamlScalar, YamlTree>[] Entries(IReadOnlyDictionary<string, YamlTree> entries) =>
        entries.Select(e => KeyValuePair.Create(YamlTree.Scalar(e.Key), e.Value)).ToArray();

    private static YamlTree GatewayApiConfig()
    {
        var config = YamlTree.Map(("channel", S("CHANNEL_STANDARD")));
        config.CommentsBefore.Add("GKE installs the Gateway API's standard channel and its Gateway controller; infra/k8s/gateway (added by");
        config.CommentsBefore.Add("DeploymentInfrastructure) is the project's one Gateway.");
        return config;
    }

    /// <summary>The resources the edit adds, by program resource name.</summary>
    internal static IReadOnlyDictionary<string, YamlTree> Resources(Answers answers)
    {
        var project = answers.GetString("gcp_project");
        var dnsProject = answers.GetString("dns_project");
        var zone = answers.GetString("dns_zone");
        var host = FrontDoor.Host(answers);
        var resources = new Dictionary<string, YamlTree>(StringComparer.Ordinal);

        YamlTree Api(string service) => YamlTree.Map(("type", S("gcp:projects:Service")),
            ("properties", YamlTree.Map(("service", S(service)), ("disableOnDestroy", S("false")))));
        var certificateManager = Api("certificatemanager.googleapis.com");
        certificateManager.CommentsBefore.Add($"The front door of the apps at https://NAME.{host} (DeploymentInfrastructure): every request passes");
        certificateManager.CommentsBefore.Add("Identity-Aware Proxy, which lets in only the members granted below.");
        resources[Prefix + "CertificateManagerApi"] = certificateManager;
        resources[Prefix + "IapApi"] = Api("iap.googleapis.com");
        resources[Prefix + "DnsApi"] = Api("dns.googleapis.com");

        var address = YamlTree.Map(
            ("type", S("gcp:compute:GlobalAddress")),
            ("properties", YamlTree.Map(
                ("name", S(AddressName(answers))),
                ("description", S($"The Gateway of {answers.GetString("project_name")} (infra/k8s/gateway)")),
                ("addressType", S("EXTERNAL")),
                ("ipVersion", S("IPV4")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${computeApi}"))))));
        address.CommentsBefore.Add("The Gateway's address (its NamedAddress), kept across Gateway changes so the DNS record stays right.");
        resources[Prefix + "Address"] = address;
        resources[Prefix + "DnsRecord"] = RecordSet(dnsProject, zone, S($"*.{host}."), S("A"), S("${gatewayAddress.address}"),
            $"*.{host} in the zone {zone} of {dnsProject}: every app's hostname reaches the Gateway.");

        var authorization = YamlTree.Map(
            ("type", S("gcp:certificatemanager:DnsAuthorization")),
            ("properties", YamlTree.Map(
                ("name", S(AddressName(answers))),
                ("description", S($"Proves control of {host} for its wildcard certificate")),
                ("domain", S(host)))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${gatewayCertificateManagerApi}"))))));
        authorization.CommentsBefore.Add("A wildcard certificate needs DNS authorisation: Certificate Manager checks the CNAME record below.");
        resources[Prefix + "DnsAuthorization"] = authorization;
        resources[Prefix + "DnsAuthorizationRecord"] = RecordSet(dnsProject, zone,
            S("${gatewayDnsAuthorization.dnsResourceRecords[0].name}"), S("${gatewayDnsAuthorization.dnsResourceRecords[0].type}"),
            S("${gatewayDnsAuthorization.dnsResourceRecords[0].data}"), null);
        resources[Prefix + "Certificate"] = YamlTree.Map(
            ("type", S("gcp:certificatemanager:Certificate")),
            ("properties", YamlTree.Map(
                ("name", S(AddressName(answers))),
                ("description", S($"Google-managed certificate of *.{host}")),
                ("scope", S("DEFAULT")),
                ("managed", YamlTree.Map(
                    ("domains", YamlTree.List(S($"*.{host}"))),
                    ("dnsAuthorizations", YamlTree.List(S("${gatewayDnsAuthorization.id}"))))))));
        var map = YamlTree.Map(
            ("type", S("gcp:certificatemanager:CertificateMap")),
            ("properties", YamlTree.Map(
                ("name", S(CertificateMapName(answers))),
                ("description", S("The Gateway's certificates (annotation networking.gke.io/certmap)")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${gatewayCertificateManagerApi}"))))));
        resources[Prefix + "CertificateMap"] = map;
        resources[Prefix + "CertificateMapEntry"] = YamlTree.Map(
            ("type", S("gcp:certificatemanager:CertificateMapEntry")),
            ("properties", YamlTree.Map(
                ("name", S(AddressName(answers))),
                ("map", S("${gatewayCertificateMap.name}")),
                ("certificates", YamlTree.List(S("${gatewayCertificate.id}"))),
                ("hostname", S($"*.{host}")))));
        var sslPolicy = YamlTree.Map(
            ("type", S("gcp:compute:SSLPolicy")),
            ("properties", YamlTree.Map(
                ("name", S(SslPolicyName(answers))),
                ("description", S("TLS 1.2 or newer with modern ciphers at the Gateway (GCPGatewayPolicy)")),
                ("profile", S("MODERN")),
                ("minTlsVersion", S("TLS_1_2")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${computeApi}"))))));
        resources[Prefix + "SslPolicy"] = sslPolicy;

        var first = true;
        foreach (var member in answers.GetList("iap_members").Distinct(StringComparer.Ordinal))
        {
            var grant = YamlTree.Map(
                ("type", S("gcp:iap:WebIamMember")),
                ("properties", YamlTree.Map(
                    ("project", S(project)),
                    ("role", S(FrontDoor.AccessorRole)),
                    ("member", S(member)))),
                ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${gatewayIapApi}"))))));
            if (first)
            {
                // The Google-managed OAuth client IAP uses when the backend policy names none lets in only accounts
                // of the project's organisation; outside members need a custom OAuth client.
                grant.CommentsBefore.Add("Who may open the apps (the iap_members answer): IAP checks this role on every request. With the");
                grant.CommentsBefore.Add("Google-managed OAuth client only accounts of the project's organisation can sign in.");
                first = false;
            }
            resources[Prefix + "Access-" + MemberKey(member)] = grant;
        }
        foreach (var (name, resource) in IapCaller.Resources(answers)) resources[name] = resource;
        return resources;
    }

    internal static IReadOnlyDictionary<string, YamlTree> Outputs(Answers answers) => new Dictionary<string, YamlTree>(StringComparer.Ordinal)
    {
        [Prefix + "Address"] = S("${gatewayAddress.address}"),
        [Prefix + "Host"] = S(FrontDoor.Host(answers)),
        [IapCaller.Output().Key] = IapCaller.Output().Value,
    };

    private static YamlTree RecordSet(string project, string zone, YamlScalar name, YamlScalar type, YamlScalar data, string? comment)
    {
        var record = YamlTree.Map(
            ("type", S("gcp:dns:RecordSet")),
            ("properties", YamlTree.Map(
                ("project", S(project)),
                ("managedZone", S(zone)),
                ("name", name),
                ("type", type),
                ("ttl", S("300")),
                ("rrdatas", YamlTree.List(data)))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${gatewayDnsApi}"))))));
        if (comment is not null) record.CommentsBefore.Add(comment);
        return record;
    }

    // A program resource name of the member's kind and address, e.g. user-ada-acme-ai.
    internal static string MemberKey(string member) =>
        new string(member.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
