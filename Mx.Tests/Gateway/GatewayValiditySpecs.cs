using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Gateway;

/// <summary>
/// What DeploymentInfrastructure writes is valid for Kubernetes, the pinned Gateway API and GKE policy CRDs, GKE's
/// rules for Gateways, and Pulumi; and the Gateway, the certificate and the DNS records name each other.
/// </summary>
public class GatewayValiditySpecs
{
    private const string Folder = "infra/k8s/gateway/";
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-gateway");

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    private static IReadOnlyList<JsonNode> Objects =>
        Directory.EnumerateFiles(Path.Combine(Sample, Folder), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.LoadAll(File.ReadAllText(f))).Select(o => o!).ToArray();

    private static JsonNode Single(string kind) => Objects.Single(o => o["kind"]!.GetValue<string>() == kind);

    private static YamlMappingNode ClusterResources => (YamlMappingNode)((YamlMappingNode)Load(Read("infra/pulumi/cluster/Main.yaml")))["resources"];

    private static string Property(string resource, string property) => ((YamlMappingNode)((YamlMappingNode)ClusterResources[resource])["properties"])[property].ToString();

    [Fact]
    public async Task Every_object_validates_against_the_pinned_crds_and_gkes_gateway_rules()
    {
        var namespaceObject = KubernetesYaml.Deserialize<V1Namespace>(Read(Folder + "namespace.yaml"), strict: true);

        var problems = await FrontDoorRules.ProblemsAsync(Objects);

        Assert.Equal(FrontDoor.Namespace, namespaceObject.Metadata.Name);
        Assert.Equal(["GCPGatewayPolicy", "Gateway", "HTTPRoute", "Namespace"], Objects.Select(o => o["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_rules_refuse_what_gke_or_the_api_server_would()
    {
        // Guards the check above: each broken copy of the sample's objects is found.
        static JsonNode[] Broken(Action<JsonNode> edit)
        {
            var copy = Objects.Select(o => o.DeepClone()).ToArray();
            edit(copy.Single(o => o["kind"]!.GetValue<string>() is "Gateway"));
            return copy;
        }
        var withoutCertificate = Broken(g => g["metadata"]!["annotations"]!.AsObject().Remove("networking.gke.io/certmap"));
        var bothCertificates = Broken(g => g["spec"]!["listeners"]![0]!["tls"] = JsonNode.Parse("""{"certificateRefs":[{"name":"x"}]}"""));
        var duplicateListener = Broken(g => g["spec"]!["listeners"]![1]!["name"] = "https");
        var redirect = Objects.Select(o => o.DeepClone()).ToArray();
        redirect.Single(o => o["kind"]!.GetValue<string>() == "HTTPRoute")["spec"]!["rules"]![0]!["backendRefs"] = JsonNode.Parse("""[{"name":"x","port":80}]""");
        var unknownField = Broken(g => g["spec"]!["listeners"]![0]!["certificateMap"] = "x");

        Assert.Contains(FrontDoorRules.Problems(withoutCertificate), p => p.Contains("has no certificate", StringComparison.Ordinal));
        Assert.Contains(FrontDoorRules.Problems(bothCertificates), p => p.Contains("is an error for GKE", StringComparison.Ordinal));
        Assert.Contains(FrontDoorRules.Problems(duplicateListener), p => p.Contains("listener names must be unique", StringComparison.Ordinal));
        Assert.Contains(FrontDoorRules.Problems(redirect), p => p.Contains("must not be used together with backendRefs", StringComparison.Ordinal));
        Assert.NotEmpty(await FrontDoorRules.ProblemsAsync(unknownField));
    }

    [Fact]
    public void The_gateway_is_the_contracts_and_names_the_address_and_certificate_map_of_the_cluster_program()
    {
        var gateway = Single("Gateway");
        var listeners = gateway["spec"]!["listeners"]!.AsArray().ToDictionary(l => l!["name"]!.GetValue<string>());

        Assert.Equal(FrontDoor.GatewayName, gateway["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("gke-l7-global-external-managed", gateway["spec"]!["gatewayClassName"]!.GetValue<string>());
        Assert.Equal(Property("gatewayAddress", "name"), gateway["spec"]!["addresses"]![0]!["value"]!.GetValue<string>());
        Assert.Equal(Property("gatewayCertificateMap", "name"), gateway["metadata"]!["annotations"]!["networking.gke.io/certmap"]!.GetValue<string>());
        Assert.Equal("*.acme-vision.acme.ai", listeners["https"]!["hostname"]!.GetValue<string>());
        Assert.Equal("443", listeners["https"]!["port"]!.ToJsonString());
        Assert.Equal("HTTP", listeners["http"]!["protocol"]!.GetValue<string>());
        Assert.Equal(Property("gatewaySslPolicy", "name"), Single("GCPGatewayPolicy")["spec"]!["default"]!["sslPolicy"]!.GetValue<string>());
    }

    [Fact]
    public void Plain_http_only_redirects_to_https()
    {
        var route = Single("HTTPRoute");
        var rule = Assert.Single(route["spec"]!["rules"]!.AsArray())!;

        Assert.Equal("http", route["spec"]!["parentRefs"]![0]!["sectionName"]!.GetValue<string>());
        Assert.Null(rule["backendRefs"]);
        Assert.Equal("https", rule["filters"]![0]!["requestRedirect"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public void The_wildcard_record_certificate_and_map_entry_cover_the_listeners_hostname_and_dns_authorisation_proves_it()
    {
        var hostname = Single("Gateway")["spec"]!["listeners"]![0]!["hostname"]!.GetValue<string>();
        var certificate = (YamlMappingNode)((YamlMappingNode)ClusterResources["gatewayCertificate"])["properties"];
        var managed = (YamlMappingNode)certificate["managed"];

        Assert.Equal(hostname + ".", Property("gatewayDnsRecord", "name"));
        Assert.Equal("${gatewayAddress.address}", ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)ClusterResources["gatewayDnsRecord"])["properties"])["rrdatas"])[0].ToString());
        Assert.Equal([hostname], ((YamlSequenceNode)managed["domains"]).Select(d => d.ToString()));
        Assert.Equal(["${gatewayDnsAuthorization.id}"], ((YamlSequenceNode)managed["dnsAuthorizations"]).Select(d => d.ToString()));
        // A wildcard's DNS authorisation is of the domain under the wildcard.
        Assert.Equal(hostname[2..], Property("gatewayDnsAuthorization", "domain"));
        Assert.Equal("${gatewayDnsAuthorization.dnsResourceRecords[0].data}", ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)ClusterResources["gatewayDnsAuthorizationRecord"])["properties"])["rrdatas"])[0].ToString());
        Assert.Equal(hostname, Property("gatewayCertificateMapEntry", "hostname"));
        Assert.Equal("CHANNEL_STANDARD", ((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)ClusterResources["cluster"])["properties"])["gatewayApiConfig"])["channel"].ToString());
    }

    [Fact]
    public void Only_the_allowed_members_and_their_caller_account_may_pass_iap_and_no_one_else_gets_a_role()
    {
        var grants = ClusterResources.Children.Where(r => r.Key.ToString().StartsWith(GatewayCloud.Prefix, StringComparison.Ordinal))
            .Select(r => (YamlMappingNode)r.Value).Where(r => r["type"].ToString().Contains("Iam", StringComparison.OrdinalIgnoreCase))
            .Select(r => (Type: r["type"].ToString(), Properties: (YamlMappingNode)r["properties"]))
            .Select(g => (g.Type, Role: g.Properties["role"].ToString(), Member: g.Properties["member"].ToString(),
                On: g.Properties.Children.TryGetValue(new YamlScalarNode("serviceAccountId"), out var account) ? account.ToString() : null)).ToArray();
        var caller = (YamlMappingNode)ClusterResources["gatewayCaller"];

        Assert.Equal(["serviceAccount:${gatewayCaller.email}", "user:ada@acme.ai", "user:alan@acme.ai"],
            grants.Where(g => g.Role == "roles/iap.httpsResourceAccessor").Select(g => g.Member).Order(StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.Role == "roles/iap.httpsResourceAccessor"), g => Assert.Equal("gcp:iap:WebIamMember", g.Type));
        // The members, and only they, may sign as the caller (mx token); the caller is granted nothing beyond IAP.
        Assert.Equal(["user:ada@acme.ai", "user:alan@acme.ai"],
            grants.Where(g => g.Role == "roles/iam.serviceAccountTokenCreator").Select(g => g.Member).Order(StringComparer.Ordinal));
        Assert.All(grants.Where(g => g.Role == "roles/iam.serviceAccountTokenCreator"), g => Assert.Equal("${gatewayCaller.name}", g.On));
        Assert.Equal(2, grants.Select(g => g.Role).Distinct().Count());
        Assert.Single(Regex.Matches(Read("infra/pulumi/cluster/Main.yaml"), Regex.Escape("serviceAccount:${gatewayCaller.email}")));
        Assert.Equal("acme-vision-caller", ((YamlMappingNode)caller["properties"])["accountId"].ToString());
        Assert.DoesNotContain("allUsers", Read("infra/pulumi/cluster/Main.yaml"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a-project-name-of-20")]
    public void The_caller_account_id_keeps_iams_rule_for_the_shortest_and_longest_project_names(string projectName)
    {
        var answers = Mx.Generators.Answers.Empty.With("project_name", projectName).With("gcp_project", "acme-vision-prod");

        // IAM: 6-30 characters, a lowercase letter first, lowercase letters, digits and '-', no '-' last.
        Assert.Matches("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", IapCaller.AccountId(answers));
        Assert.Equal($"{IapCaller.AccountId(answers)}@acme-vision-prod.iam.gserviceaccount.com", IapCaller.Email(answers));
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = Read($"infra/pulumi/{stack}/Main.yaml");

        var problems = PulumiProgramValidator.ValidateStack(program, Read($"infra/pulumi/{stack}/Pulumi.yaml"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(stack == "platform" ? "directory: ../../k8s/gateway" : "type: gcp:certificatemanager:CertificateMapEntry", program);
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
