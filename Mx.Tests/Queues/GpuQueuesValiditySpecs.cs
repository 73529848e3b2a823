using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mx.Generators.BuiltIn.Queues;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Queues;

/// <summary>What GpuQueues writes is valid for Kueue v0.19.2, kustomize and Pulumi, and its parts agree with each other.</summary>
public class GpuQueuesValiditySpecs(QueuesProject project) : IClassFixture<QueuesProject>
{
    private const string Queues = "infra/k8s/gpu-queues/queues.yaml";
    private const string Kustomization = "infra/k8s/gpu-queues/kustomization.yaml";
    private static string Crds => Path.Combine(Repository.Shared, "schemas", "crds");

    private IReadOnlyList<JsonNode> Objects => YamlJson.LoadAll(project.Files[Queues]).Select(o => o!).ToArray();

    private IEnumerable<JsonNode> OfKind(string kind) => Objects.Where(o => o["kind"]!.GetValue<string>() == kind);

    [Fact]
    public async Task Every_kueue_object_validates_strictly_against_the_pinned_v0_19_2_crds()
    {
        var schemas = new Dictionary<string, CrdSchema>();
        foreach (var plural in new[] { "clusterqueues", "localqueues", "resourceflavors", "workloadpriorityclasses" })
        {
            var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, $"kueue.x-k8s.io_{plural}.v0.19.2.yaml"), "v1beta2");
            schemas[schema.Kind] = schema;
        }

        var problems = Objects.SelectMany(o => schemas[o["kind"]!.GetValue<string>()].Validate(o).Select(p => $"{o["kind"]} {o["metadata"]!["name"]}: {p}")).ToList();

        Assert.Equal(12, Objects.Count);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_kueue_object_passes_the_v0_19_2_webhook_rules()
    {
        var problems = Objects.SelectMany(o => KueueWebhookRules.Validate(o).Select(p => $"{o["kind"]} {o["metadata"]!["name"]}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_webhook_rules_refuse_what_kueue_refuses()
    {
        // Guards the rules themselves, one upstream rule per change.
        var queue = OfKind("ClusterQueue").Last().DeepClone();
        var resources = queue["spec"]!["resourceGroups"]![0]!["flavors"]![0]!["resources"]!.AsArray();
        resources[0]!["name"] = "cpu";
        resources[1]!["nominalQuota"] = "-1";
        resources[2]!["borrowingLimit"] = "1Gi";
        queue["spec"]!.AsObject().Remove("cohortName");
        queue["spec"]!["resourceGroups"]!.AsArray().Add(queue["spec"]!["resourceGroups"]![0]!.DeepClone());
        queue["spec"]!["preemption"] = new JsonObject { ["reclaimWithinCohort"] = "Never", ["borrowWithinCohort"] = new JsonObject { ["policy"] = "LowerPriority" } };
        var flavor = OfKind("ResourceFlavor").Last().DeepClone();
        flavor["spec"]!["nodeLabels"]!["mx.dev/shape"] = "not a label value";
        flavor["spec"]!["tolerations"]![0]!["key"] = "nvidia.com/";

        var problems = string.Join("\n", [.. KueueWebhookRules.Validate(queue), .. KueueWebhookRules.Validate(flavor)]);

        foreach (var expected in new[] { "must match the name in coveredResources", "nominalQuota: must be greater than or equal to 0",
                     "borrowingLimit: must be nil when cohort is empty", "Duplicate value: \"nvidia.com/gpu\"", "flavors[0].name: Duplicate value",
                     "reclaimWithinCohort=Never", "spec.nodeLabels.mx.dev/shape: Invalid value", "spec.tolerations.key: Invalid value" })
            Assert.Contains(expected, problems);
    }

    [Fact]
    public void Every_cluster_queue_is_in_one_cohort_preempts_by_priority_and_has_its_pools_capacity()
    {
        var queues = OfKind("ClusterQueue").ToDictionary(q => q["metadata"]!["name"]!.GetValue<string>());

        Assert.Equal(["cpu", "l4-1", "l4-2"], queues.Keys);
        Assert.Single(queues.Values.Select(q => q["spec"]!["cohortName"]!.GetValue<string>()).Distinct());
        foreach (var queue in queues.Values)
        {
            Assert.Equal("LowerPriority", queue["spec"]!["preemption"]!["withinClusterQueue"]!.GetValue<string>());
            Assert.Equal("Any", queue["spec"]!["preemption"]!["reclaimWithinCohort"]!.GetValue<string>());
        }
        Assert.Equal(2, GpuQuota(queues["l4-1"]));   // 2 nodes (default) x 1 GPU
        Assert.Equal(2, GpuQuota(queues["l4-2"]));   // 1 node x 2 GPUs
        Assert.Null(GpuQuota(queues["cpu"]));
        // g2-standard-24 is 24 vCPUs and 96 GiB, less GKE's reservations; one node of it.
        var l42 = queues["l4-2"]["spec"]!["resourceGroups"]![0]!["flavors"]![0]!["resources"]!.AsArray();
        Assert.InRange(KueueWebhookRules.Quantity(l42[1]!["nominalQuota"]!), 23.5m, 24m);
        Assert.InRange(KueueWebhookRules.Quantity(l42[2]!["nominalQuota"]!) / (1024m * 1024 * 1024), 88m, 96m);
    }

    private static decimal? GpuQuota(JsonNode queue) =>
        queue["spec"]!["resourceGroups"]![0]!["flavors"]![0]!["resources"]!.AsArray()
            .FirstOrDefault(r => r!["name"]!.GetValue<string>() == "nvidia.com/gpu") is { } gpu ? KueueWebhookRules.Quantity(gpu["nominalQuota"]!) : null;

    [Fact]
    public void Every_local_queue_in_training_names_a_cluster_queue_and_every_flavor_selects_and_tolerates_a_pool_that_exists()
    {
        var clusterQueues = OfKind("ClusterQueue").Select(q => q["metadata"]!["name"]!.GetValue<string>()).ToHashSet();
        foreach (var local in OfKind("LocalQueue"))
        {
            Assert.Equal("training", local["metadata"]!["namespace"]!.GetValue<string>());
            Assert.Contains(local["spec"]!["clusterQueue"]!.GetValue<string>(), clusterQueues);
        }
        var pools = ClusterProgramResources().Children.Values.Cast<YamlMappingNode>()
            .Where(r => r["type"].ToString() == "gcp:container:NodePool").Select(r => (YamlMappingNode)r["properties"]).ToArray();
        foreach (var flavor in OfKind("ResourceFlavor"))
        {
            var (key, value) = flavor["spec"]!["nodeLabels"]!.AsObject().Single();
            var pool = Assert.Single(pools, p => key == "cloud.google.com/gke-nodepool"
                ? p["name"].ToString() == value!.GetValue<string>()
                : ((YamlMappingNode)p["nodeConfig"]).Children.TryGetValue(new YamlScalarNode("labels"), out var labels)
                  && ((YamlMappingNode)labels).Children.TryGetValue(new YamlScalarNode(key), out var v) && v.ToString() == value!.GetValue<string>());
            var tainted = ((YamlMappingNode)pool["nodeConfig"]).Children.ContainsKey(new YamlScalarNode("taints"));
            Assert.Equal(tainted, flavor["spec"]!["tolerations"] is JsonArray { Count: > 0 });
        }
    }

    [Fact]
    public void The_gpu_pools_copy_the_skeletons_gpu_pool_and_add_shape_label_spot_and_size()
    {
        var resources = ClusterProgramResources();
        var skeleton = (YamlMappingNode)((YamlMappingNode)resources["gpuPool"])["properties"];
        var pool = (YamlMappingNode)((YamlMappingNode)resources["queuePool-l4-2"])["properties"];
        var config = (YamlMappingNode)pool["nodeConfig"];
        var skeletonConfig = (YamlMappingNode)skeleton["nodeConfig"];

        foreach (var key in new[] { "diskSizeGb", "diskType", "serviceAccount", "oauthScopes", "workloadMetadataConfig", "shieldedInstanceConfig", "taints", "resourceLabels" })
            Assert.Equal(Yaml(skeletonConfig[key]), Yaml(config[key]));
        Assert.Equal(Yaml(((YamlMappingNode)((YamlSequenceNode)skeletonConfig["guestAccelerators"])[0])["gpuDriverInstallationConfig"]),
            Yaml(((YamlMappingNode)((YamlSequenceNode)config["guestAccelerators"])[0])["gpuDriverInstallationConfig"]));
        Assert.Equal("g2-standard-24", config["machineType"].ToString());
        Assert.Equal("true", config["spot"].ToString());
        Assert.Equal("l4-2", ((YamlMappingNode)config["labels"])["mx.dev/shape"].ToString());
        Assert.Equal("0", ((YamlMappingNode)pool["autoscaling"])["minNodeCount"].ToString());
        Assert.Equal("1", ((YamlMappingNode)pool["autoscaling"])["maxNodeCount"].ToString());
        Assert.False(((YamlMappingNode)((YamlMappingNode)resources["queuePool-l4-1"])["properties"]["nodeConfig"]).Children.ContainsKey(new YamlScalarNode("spot")));
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = project.Files[$"infra/pulumi/{stack}/Main.yaml"];

        var problems = PulumiProgramValidator.ValidateStack(program, project.Files[$"infra/pulumi/{stack}/Pulumi.yaml"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (stack == "platform") Assert.Contains("directory: ../../k8s/gpu-queues", program);
    }

    [Fact]
    public void Kueue_is_installed_from_the_commit_of_the_v0_19_2_tag_with_the_release_image()
    {
        // shared/schemas/README.md records the commit each pinned tag points at, read from the upstream repository.
        var readme = File.ReadAllText(Path.Combine(Repository.Shared, "schemas", "README.md"));
        var documented = Regex.Match(readme, @"kubernetes-sigs/kueue v0\.19\.2 = ([0-9a-f]{40})").Groups[1].Value;
        var kustomization = (YamlMappingNode)Load(project.Files[Kustomization]);
        var remote = ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()).Single(r => r.StartsWith("https://", StringComparison.Ordinal));
        var image = (YamlMappingNode)((YamlSequenceNode)kustomization["images"]).Single();

        Assert.Equal("v0.19.2", GpuQueues.KueueRelease);
        Assert.Matches("^[0-9a-f]{40}$", documented);
        Assert.Equal($"https://github.com/kubernetes-sigs/kueue.git/config/default?ref={documented}", remote);
        Assert.Equal(GpuQueues.KueueCommit, documented);
        // config/components/manager/kustomization.yaml at the tag names the staging image; the release uses registry.k8s.io.
        Assert.Equal("us-central1-docker.pkg.dev/k8s-staging-images/kueue/kueue", image["name"].ToString());
        Assert.Equal("registry.k8s.io/kueue/kueue", image["newName"].ToString());
        Assert.Equal("v0.19.2", image["newTag"].ToString());
        Assert.Contains("queues.yaml", ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()));
    }

    [Fact]
    public void Every_queue_object_waits_for_the_kueue_controller_deployed_in_the_same_directory()
    {
        foreach (var o in Objects)
            Assert.Equal("apps/namespaces/kueue-system/Deployment/kueue-controller-manager",
                o["metadata"]!["annotations"]!["config.kubernetes.io/depends-on"]!.GetValue<string>());
    }

    private YamlMappingNode ClusterProgramResources() =>
        (YamlMappingNode)((YamlMappingNode)Load(project.Files["infra/pulumi/cluster/Main.yaml"]))["resources"];

    private static string Yaml(YamlNode node) => YamlJson.Convert(node)!.ToJsonString();

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
