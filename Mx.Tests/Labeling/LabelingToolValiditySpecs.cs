using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Labeling;
using Mx.Tests.Gateway;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Labeling;

/// <summary>
/// What LabelingTool writes works when applied: strict Kubernetes models for every object, the pinned Gateway API and
/// GKE policy CRDs with the front door's rules for its routes, the edited programs against the provider schemas, and
/// CVAT's own needs (<see cref="CvatRules"/>) of the pods that run it.
/// </summary>
public class LabelingToolValiditySpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-label");
    private const string Folder = "infra/k8s/label/";

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    private static JsonNode[] Objects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Sample, folder), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.LoadAll(File.ReadAllText(f))).Select(o => o!).ToArray();

    private static JsonNode[] Label => Objects(Folder);

    private static YamlMappingNode Program(string stack) => (YamlMappingNode)Load(Read($"infra/pulumi/{stack}/Main.yaml"));

    private static YamlMappingNode Resource(string stack, string name) => (YamlMappingNode)((YamlMappingNode)Program(stack)["resources"])[name];

    [Fact]
    public async Task Every_object_deserialises_strictly_and_the_routes_validate_with_the_gateway_against_the_pinned_crds_and_rules()
    {
        foreach (var o in Label)
        {
            var json = o.ToJsonString();
            object parsed = o["kind"]!.GetValue<string>() switch
            {
                "Deployment" => KubernetesYaml.Deserialize<V1Deployment>(json, strict: true),
                "StatefulSet" => KubernetesYaml.Deserialize<V1StatefulSet>(json, strict: true),
                "Job" => KubernetesYaml.Deserialize<V1Job>(json, strict: true),
                "Service" => KubernetesYaml.Deserialize<V1Service>(json, strict: true),
                "ServiceAccount" => KubernetesYaml.Deserialize<V1ServiceAccount>(json, strict: true),
                "PersistentVolumeClaim" => KubernetesYaml.Deserialize<V1PersistentVolumeClaim>(json, strict: true),
                "NetworkPolicy" => KubernetesYaml.Deserialize<V1NetworkPolicy>(json, strict: true),
                "HTTPRoute" or "GCPBackendPolicy" or "HealthCheckPolicy" => o,
                var kind => throw new InvalidOperationException($"no model for {kind}"),
            };
            Assert.NotNull(parsed);
            Assert.Equal(Cvat.Namespace, o["metadata"]!["namespace"]!.GetValue<string>());
        }

        var problems = await FrontDoorRules.ProblemsAsync([.. Objects("infra/k8s/gateway"), .. Label]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_kustomization_lists_every_file_of_the_folder()
    {
        var kustomization = (YamlMappingNode)Load(Read(Folder + "kustomization.yaml"));

        Assert.Equal(Directory.EnumerateFiles(Path.Combine(Sample, Folder)).Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal),
            ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var problems = PulumiProgramValidator.ValidateStack(Read($"infra/pulumi/{stack}/Main.yaml"), Read($"infra/pulumi/{stack}/Pulumi.yaml"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Cvats_pods_find_their_database_caches_and_policy_engine_share_one_node_and_meet_the_restricted_standard()
    {
        var secret = (YamlMappingNode)((YamlMappingNode)Resource("platform", "labelSecrets")["properties"])["stringData"];

        var problems = CvatRules.Problems(Label, secret.Children.Keys.Select(k => k.ToString()).ToArray());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The namespace the platform program makes enforces that standard, so a pod that does not meet it is refused.
        var ns = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Resource("platform", "labelNamespace")["properties"])["metadata"])["labels"];
        Assert.Equal("restricted", ns["pod-security.kubernetes.io/enforce"].ToString());
    }

    [Fact]
    public void The_rules_find_a_missing_setting_a_wrong_host_a_missing_affinity_a_root_pod_a_refused_host_and_unknown_commands()
    {
        var broken = Label.Select(o => o.DeepClone()).ToArray();
        var server = broken.Single(o => o["kind"]!.GetValue<string>() == "Deployment" && o["metadata"]!["name"]!.GetValue<string>() == "cvat-server");
        var spec = server["spec"]!["template"]!["spec"]!;
        var env = spec["containers"]![0]!["env"]!.AsArray();
        env.Remove(env.Single(e => e!["name"]!.GetValue<string>() == "CVAT_REDIS_ONDISK_PASSWORD"));
        env.Single(e => e!["name"]!.GetValue<string>() == "CVAT_POSTGRES_HOST")!["value"] = "postgres";
        spec.AsObject().Remove("affinity");
        spec["securityContext"]!["runAsNonRoot"] = false;
        spec["containers"]![0]!["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "ALLOWED_HOSTS")!["value"] = "localhost,127.0.0.1";

        var chunks = broken.Single(o => o["metadata"]!["name"]!.GetValue<string>() == "cvat-worker-chunks");
        chunks["spec"]!["template"]!["spec"]!["containers"]![0]!["args"] = new JsonArray("run", "worker.chunks");
        spec["initContainers"]![0]!["args"] = new JsonArray("init");

        var problems = CvatRules.Problems(broken, ["POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PASSWORD", "CACHE_PASSWORD"]);

        Assert.Contains(problems, p => p.Contains("CVAT_REDIS_ONDISK_PASSWORD, which is not set", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CVAT_POSTGRES_HOST=postgres:5432 is no Service port", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("without pod affinity", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("restricted pods set runAsNonRoot", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the entrypoint does not know 'run worker.chunks'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no worker serves CVAT's queue 'chunks'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'init' waits for ClickHouse", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ALLOWED_HOSTS refuses label.acme-vision.acme.ai", StringComparison.Ordinal));
    }

    [Fact]
    public void The_gateway_sends_cvats_server_paths_to_the_server_and_the_rest_to_the_ui_behind_iap_with_health_checks()
    {
        var routes = Label.Where(o => o["kind"]!.GetValue<string>() == "HTTPRoute").ToArray();
        var services = Label.Where(o => o["kind"]!.GetValue<string>() == "Service").ToDictionary(o => o["metadata"]!["name"]!.GetValue<string>());
        string Component(string service) => services[service]["spec"]!["selector"]!["app.kubernetes.io/component"]!.GetValue<string>();
        var byPath = routes.ToDictionary(
            r => r["spec"]!["rules"]![0]!["matches"]?[0]?["path"]?["value"]?.GetValue<string>() ?? "/",
            r => r["spec"]!["rules"]![0]!["backendRefs"]![0]!["name"]!.GetValue<string>());

        Assert.Equal(CvatRules.ServerPaths.Order(StringComparer.Ordinal), byPath.Keys.Where(k => k != "/").Order(StringComparer.Ordinal));
        Assert.All(CvatRules.ServerPaths, p => Assert.Equal("server", Component(byPath[p])));
        Assert.Equal("ui", Component(byPath["/"]));
        Assert.All(routes, r => Assert.Equal(["label.acme-vision.acme.ai"], r["spec"]!["hostnames"]!.AsArray().Select(h => h!.GetValue<string>())));
        // Every Service a route names has IAP on and a health check the pod answers.
        foreach (var service in byPath.Values)
        {
            Assert.Contains(Label, o => o["kind"]!.GetValue<string>() == "GCPBackendPolicy" && o["metadata"]!["name"]!.GetValue<string>() == service
                                        && o["spec"]!["default"]!["iap"]!["enabled"]!.GetValue<bool>());
            var health = Label.Single(o => o["kind"]!.GetValue<string>() == "HealthCheckPolicy" && o["metadata"]!["name"]!.GetValue<string>() == service);
            var path = health["spec"]!["default"]!["config"]!["httpHealthCheck"]!["requestPath"]!.GetValue<string>();
            Assert.Equal(Component(service) == "server" ? Cvat.ServerHealthPath : "/", path);
        }
    }

    [Fact]
    public void Only_the_load_balancer_reaches_the_served_ports_and_the_components_reach_each_other()
    {
        var policies = Label.Where(o => o["kind"]!.GetValue<string>() == "NetworkPolicy")
            .Select(o => KubernetesYaml.Deserialize<V1NetworkPolicy>(o.ToJsonString(), strict: true)).ToDictionary(p => p.Metadata.Name);
        var lb = policies["cvat-load-balancer"].Spec;
        var internalPolicy = policies["cvat-internal"].Spec;

        Assert.Equal(["130.211.0.0/22", "35.191.0.0/16"], lb.Ingress.Single().FromProperty.Select(p => p.IpBlock.Cidr));
        Assert.Equal(["80", "8080"], lb.Ingress.Single().Ports.Select(p => p.Port.Value).Order(StringComparer.Ordinal));
        Assert.Equal(["server", "ui"], lb.PodSelector.MatchExpressions.Single().Values.Order(StringComparer.Ordinal));
        Assert.Empty(internalPolicy.PodSelector.MatchLabels ?? new Dictionary<string, string>());
        Assert.NotNull(internalPolicy.Ingress.Single().FromProperty.Single().PodSelector);
        Assert.Null(internalPolicy.Ingress.Single().FromProperty.Single().NamespaceSelector);
    }

    [Fact]
    public void The_share_is_the_data_bucket_read_only_through_workload_identity_and_the_backup_plan_covers_the_namespace()
    {
        var account = KubernetesYaml.Deserialize<V1ServiceAccount>(Read(Folder + "serviceaccount.yaml"), strict: true);
        var reader = (YamlMappingNode)Resource("cluster", "labelShareReadsData")["properties"];
        var identity = (YamlMappingNode)Resource("cluster", "labelShareWorkloadIdentity")["properties"];
        var plan = (YamlMappingNode)Resource("cluster", "labelBackupPlan")["properties"];
        var shares = Label.Where(o => o["spec"]?["template"]?["spec"]?["volumes"] is JsonArray v && v.Any(x => x!["name"]!.GetValue<string>() == "share")).ToArray();

        Assert.Equal("acme-vision-label@acme-vision-prod.iam.gserviceaccount.com", account.Metadata.Annotations["iam.gke.io/gcp-service-account"]);
        Assert.Equal("${dataBucket.name}", reader["bucket"].ToString());
        Assert.Equal("roles/storage.objectViewer", reader["role"].ToString());
        Assert.Equal("serviceAccount:acme-vision-prod.svc.id.goog[label/cvat]", identity["member"].ToString());
        Assert.NotEmpty(shares);
        foreach (var pod in shares.Select(o => o["spec"]!["template"]!["spec"]!))
        {
            var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "share")!;
            Assert.Equal("acme-vision-prod-acme-vision-data", volume["csi"]!["volumeAttributes"]!["bucketName"]!.GetValue<string>());
            Assert.True(volume["csi"]!["readOnly"]!.GetValue<bool>());
            Assert.Equal(account.Metadata.Name, pod["serviceAccountName"]!.GetValue<string>());
            var mount = pod["containers"]![0]!["volumeMounts"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == "share")!;
            // CVAT's SHARE_ROOT (settings/base.py): BASE_DIR/share, BASE_DIR being /home/django in its image.
            Assert.Equal("/home/django/share", mount["mountPath"]!.GetValue<string>());
            Assert.True(mount["readOnly"]!.GetValue<bool>());
        }
        // What GKE's FUSE driver would refuse or change (the sidecar annotation, requests and limits in pairs).
        foreach (var deployment in Label.Where(o => o["kind"]!.GetValue<string>() == "Deployment").Select(o => KubernetesJson.Deserialize<V1Deployment>(o.ToJsonString())))
            Assert.True(Docs.GcsFuseRules.Problems(deployment.Spec.Template).Count == 0,
                $"{deployment.Metadata.Name}: {string.Join("; ", Docs.GcsFuseRules.Problems(deployment.Spec.Template))}");
        Assert.Equal(["label"], ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)plan["backupConfig"])["selectedNamespaces"])["namespaces"]).Select(n => n.ToString()));
        Assert.Equal("true", ((YamlMappingNode)plan["backupConfig"])["includeVolumeData"].ToString());
        Assert.Equal("${cluster.id}", plan["cluster"].ToString());
        // Backup for GKE plans are regional, in the cluster's region.
        Assert.Equal("europe-west4", plan["location"].ToString());
        Assert.Contains("gkeBackupAgentConfig:\n          enabled: true", Read("infra/pulumi/cluster/Main.yaml"));
    }

    [Fact]
    public void Every_image_is_pinned_to_a_release_and_cvats_server_and_ui_to_the_same_one()
    {
        var images = Label.SelectMany(o => o["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? []).Select(c => c!["image"]!.GetValue<string>()).ToArray();

        Assert.All(images, i => Assert.Matches("^[a-z0-9./-]+:v?[0-9]+\\.[0-9]+(\\.[0-9]+)?(-[a-z]+)?$", i));
        Assert.Contains($"cvat/server:{Cvat.Version}", images);
        Assert.Contains($"cvat/ui:{Cvat.Version}", images);
    }

    [Fact]
    public void Mx_down_keeps_the_backup_plan_with_its_backups_and_the_next_cluster_gets_a_plan_name_of_its_own()
    {
        var plan = Resource("cluster", "labelBackupPlan");
        var cluster = Path.Combine(Sample, "infra/pulumi/cluster/Main.yaml");

        // Not protected: pulumi's --exclude-protected would keep everything a protected resource depends on, the cluster too.
        Assert.Equal("true", ((YamlMappingNode)plan["options"])["retainOnDelete"].ToString());
        Assert.False(((YamlMappingNode)plan["options"]).Children.ContainsKey("protect"));
        Assert.Equal(["labelBackupPlan"], Mx.Pulumi.Internal.PulumiProgramResources.RetainedResources(cluster, "gcp:gkebackup:BackupPlan"));
        Assert.Empty(Mx.Pulumi.Internal.PulumiProgramResources.RetainedResources(Path.Combine(Repository.Samples, "acme-vision", "infra/pulumi/cluster/Main.yaml"), "gcp:gkebackup:BackupPlan"));
        // A kept plan keeps its name; a new cluster's plan must not collide with it (names are unique per location).
        Assert.Equal("acme-vision-label-${labelBackupPlanSuffix.hex}", ((YamlMappingNode)plan["properties"])["name"].ToString());
        Assert.Equal("random:RandomId", Resource("cluster", "labelBackupPlanSuffix")["type"].ToString());
        // Backup for GKE plan names: 1-63 lowercase letters, digits and '-', starting with a letter; six hex digits end it.
        Assert.Matches("^[a-z][a-z0-9-]{0,55}$", "acme-vision-label-");
        Assert.Contains("--filter=\"name~/acme-vision-label-\"", Read("docs/labeling.md"));
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
