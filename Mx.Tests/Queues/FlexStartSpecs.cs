using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Queues;

/// <summary>
/// A flex-start shape (<c>--queue-flex-start l4-2</c>): its ClusterQueue admits through Kueue's ProvisioningRequest
/// admission check with GKE's queued-provisioning class, and its node pool is one GKE accepts for queued provisioning.
/// </summary>
public sealed class FlexStartSpecs : IDisposable
{
    private const string Queues = "infra/k8s/gpu-queues/queues.yaml";
    private readonly TempDirectory _dir = new();
    private readonly SortedDictionary<string, string> _files;

    public FlexStartSpecs()
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        var root = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Path)
        {
            Flags = Answers.Empty.With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
                .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(',')),
        }).Root;
        service.Generate(new GenerateRequest("GpuQueues", root)
        {
            Flags = Answers.Empty.With("queue_shapes", new[] { "cpu", "l4-1", "l4-2" }).With("queue_flex_start", new[] { "l4-2" }),
        });
        _files = DirectorySnapshot.Read(root);
    }

    public void Dispose() => _dir.Dispose();

    private IReadOnlyList<JsonNode> Objects => YamlJson.LoadAll(_files[Queues]).Select(o => o!).ToArray();

    private JsonNode Single(string kind, string name) =>
        Objects.Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    private YamlMappingNode Pool(string resource)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(_files["infra/pulumi/cluster/Main.yaml"]));
        return (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"])[resource])["properties"];
    }

    [Fact]
    public async Task The_admission_check_and_provisioning_config_validate_against_kueues_pinned_crds()
    {
        var pinned = Path.Combine(Repository.Root, "Mx.Tests", "Schemas", "kueue");
        var shared = Path.Combine(Repository.Shared, "schemas", "crds");
        var schemas = new Dictionary<string, CrdSchema>();
        foreach (var path in new[]
                 {
                     Path.Combine(pinned, "kueue.x-k8s.io_admissionchecks.v0.19.2.yaml"), Path.Combine(pinned, "kueue.x-k8s.io_provisioningrequestconfigs.v0.19.2.yaml"),
                     Path.Combine(shared, "kueue.x-k8s.io_clusterqueues.v0.19.2.yaml"), Path.Combine(shared, "kueue.x-k8s.io_localqueues.v0.19.2.yaml"),
                     Path.Combine(shared, "kueue.x-k8s.io_resourceflavors.v0.19.2.yaml"), Path.Combine(shared, "kueue.x-k8s.io_workloadpriorityclasses.v0.19.2.yaml"),
                 })
        {
            var schema = await CrdSchema.LoadAsync(path, "v1beta2");
            schemas[schema.Kind] = schema;
        }

        var problems = Objects.SelectMany(o => schemas[o["kind"]!.GetValue<string>()].Validate(o).Select(p => $"{o["kind"]} {o["metadata"]!["name"]}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(14, Objects.Count);
        Assert.Empty(Objects.SelectMany(KueueWebhookRules.Validate));
    }

    [Fact]
    public void Only_the_flex_start_queue_admits_through_a_provisioning_request_of_gkes_queued_provisioning_class()
    {
        var queue = Single("ClusterQueue", "l4-2");
        var checkName = queue["spec"]!["admissionChecksStrategy"]!["admissionChecks"]![0]!["name"]!.GetValue<string>();
        var check = Single("AdmissionCheck", checkName);
        // pkg/controller/admissionchecks/provisioning at v0.19.2: the controller that answers for ProvisioningRequestConfig.
        Assert.Equal("kueue.x-k8s.io/provisioning-request", check["spec"]!["controllerName"]!.GetValue<string>());
        Assert.Equal(("kueue.x-k8s.io", "ProvisioningRequestConfig"), (check["spec"]!["parameters"]!["apiGroup"]!.GetValue<string>(), check["spec"]!["parameters"]!["kind"]!.GetValue<string>()));
        var config = Single("ProvisioningRequestConfig", check["spec"]!["parameters"]!["name"]!.GetValue<string>());
        Assert.Equal("queued-provisioning.gke.io", config["spec"]!["provisioningClassName"]!.GetValue<string>());
        Assert.Equal(["nvidia.com/gpu"], config["spec"]!["managedResources"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Null(Single("ClusterQueue", "l4-1")["spec"]!["admissionChecksStrategy"]);
        var tolerations = Single("ResourceFlavor", "l4-2")["spec"]!["tolerations"]!.AsArray();
        Assert.Contains(tolerations, t => t!["key"]!.GetValue<string>() == "cloud.google.com/gke-queued" && t["effect"]!.GetValue<string>() == "NoSchedule");
    }

    [Fact]
    public void The_flex_start_pool_is_one_gke_accepts_for_queued_provisioning_and_the_others_are_unchanged()
    {
        var flex = Pool("queuePool-l4-2");

        Assert.Empty(QueuedProvisioningPoolRules.Validate(flex));
        Assert.Equal("true", ((YamlMappingNode)flex["queuedProvisioning"])["enabled"].ToString());
        Assert.Equal("2", ((YamlMappingNode)flex["autoscaling"])["totalMaxNodeCount"].ToString());
        var plain = Pool("queuePool-l4-1");
        Assert.False(plain.Children.ContainsKey(new YamlScalarNode("queuedProvisioning")));
        Assert.Equal("true", ((YamlMappingNode)plain["management"])["autoRepair"].ToString());
    }

    [Fact]
    public void The_queued_provisioning_rules_refuse_what_gke_refuses()
    {
        var pool = Pool("queuePool-l4-2");
        var config = (YamlMappingNode)pool["nodeConfig"];
        config.Children[new YamlScalarNode("spot")] = new YamlScalarNode("true");
        config.Children.Remove(new YamlScalarNode("reservationAffinity"));
        ((YamlMappingNode)pool["autoscaling"]).Children[new YamlScalarNode("locationPolicy")] = new YamlScalarNode("BALANCED");
        ((YamlMappingNode)pool["autoscaling"]).Children[new YamlScalarNode("totalMinNodeCount")] = new YamlScalarNode("1");
        ((YamlMappingNode)pool["management"]).Children[new YamlScalarNode("autoRepair")] = new YamlScalarNode("true");

        var problems = string.Join("\n", QueuedProvisioningPoolRules.Validate(pool));

        foreach (var expected in new[] { "cannot be Spot", "NO_RESERVATION", "locationPolicy must be ANY", "minimum must be 0", "autoRepair must be false" })
            Assert.Contains(expected, problems);
    }

    [Fact]
    public void The_cluster_program_with_the_flex_start_pool_validates_against_the_provider_schema()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(_files["infra/pulumi/cluster/Pulumi.yaml"]));
        var projectFile = (YamlMappingNode)stream.Documents[0].RootNode;
        var declared = projectFile.Children.TryGetValue(new YamlScalarNode("config"), out var config)
            ? ((YamlMappingNode)config).Children.Keys.Select(k => k.ToString()) : [];

        var problems = PulumiProgramValidator.Validate(_files["infra/pulumi/cluster/Main.yaml"], declared, projectFile["name"].ToString());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
