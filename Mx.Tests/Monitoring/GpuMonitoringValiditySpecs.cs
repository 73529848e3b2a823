using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Monitoring;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Monitoring;

/// <summary>
/// What GpuMonitoring writes is valid for Kubernetes, Managed Service for Prometheus v0.17.2, Prometheus and Pulumi,
/// names only metrics that exist, and keeps Grafana unexposed.
/// </summary>
public class GpuMonitoringValiditySpecs(MonitoringProject project) : IClassFixture<MonitoringProject>
{
    private const string Directory = "infra/k8s/gpu-monitoring/";
    private static string Data => Path.Combine(AppContext.BaseDirectory, "Monitoring", "Data");
    private static string Crds => Path.Combine(AppContext.BaseDirectory, "Schemas", "crds");

    private IEnumerable<(string Path, JsonNode Object)> Objects =>
        project.Files.Where(f => f.Key.StartsWith(Directory, StringComparison.Ordinal) && f.Key.EndsWith(".yaml", StringComparison.Ordinal)
                                 && !f.Key.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlJson.LoadAll(f.Value).Select(o => (f.Key, o!)));

    private JsonNode Single(string kind, string name) =>
        Objects.Select(o => o.Object).Single(o => o["kind"]!.GetValue<string>() == kind && o["metadata"]!["name"]!.GetValue<string>() == name);

    private static bool IsGmp(JsonNode o) => o["apiVersion"]!.GetValue<string>().StartsWith("monitoring.googleapis.com/", StringComparison.Ordinal);

    private IReadOnlyList<JsonNode> Dashboards => project.Files.Where(f => f.Key.StartsWith(Directory + "dashboards/", StringComparison.Ordinal))
        .Select(f => JsonNode.Parse(f.Value)!).ToArray();

    private JsonNode ClusterRules => Single("ClusterRules", "gpu-monitoring");

    private IEnumerable<JsonNode> Rules => ClusterRules["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => r!);

    private IEnumerable<(string Where, string Expr)> Expressions =>
        Rules.Select(r => ($"rule {r["alert"] ?? r["record"]}", r["expr"]!.GetValue<string>()))
            .Concat(Dashboards.SelectMany(d => d["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray().Select(t =>
                ($"dashboard {d["uid"]} panel '{p["title"]}'", PromQl.FromGrafana(t!["expr"]!.GetValue<string>()))))))
            .Concat(Dashboards.SelectMany(d => d["templating"]!["list"]!.AsArray().Select(v =>
                ($"dashboard {d["uid"]} variable {v!["name"]}", LabelValuesSelector(v["query"]!["query"]!.GetValue<string>())))));

    // label_values(<selector>, <label>) is Grafana's, not PromQL; its selector is.
    private static string LabelValuesSelector(string query) => Regex.Match(query, @"^label_values\((.*), *[A-Za-z_]+\)$").Groups[1].Value;

    [Fact]
    public void Every_kubernetes_object_deserialises_strictly()
    {
        var types = new Dictionary<string, Type>
        {
            ["Namespace"] = typeof(V1Namespace), ["DaemonSet"] = typeof(V1DaemonSet), ["Deployment"] = typeof(V1Deployment),
            ["Service"] = typeof(V1Service), ["ServiceAccount"] = typeof(V1ServiceAccount), ["ConfigMap"] = typeof(V1ConfigMap),
            ["ClusterRole"] = typeof(V1ClusterRole), ["ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
        };
        var core = Objects.Where(o => !IsGmp(o.Object)).ToArray();

        var problems = core.Select(o => (o.Path, Kind: o.Object["kind"]!.GetValue<string>(), Error: Record.Exception(() =>
                typeof(KubernetesYaml).GetMethods().Single(m => m.Name == "Deserialize" && m.IsGenericMethod && m.GetParameters()[0].ParameterType == typeof(string))
                    .MakeGenericMethod(types[o.Object["kind"]!.GetValue<string>()]).Invoke(null, [o.Object.ToJsonString(), true]))))
            .Where(p => p.Error is not null).Select(p => $"{p.Path} {p.Kind}: {p.Error!.InnerException?.Message ?? p.Error.Message}").ToList();

        Assert.Equal(12, core.Length);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Every_managed_prometheus_object_validates_strictly_against_the_pinned_v0_17_2_crds()
    {
        var schemas = new Dictionary<string, CrdSchema>();
        foreach (var plural in new[] { "podmonitorings", "clusterpodmonitorings", "rules", "clusterrules" })
        {
            var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, $"monitoring.googleapis.com_{plural}.v0.17.2.yaml"), "v1");
            schemas[schema.Kind] = schema;
        }
        var gmp = Objects.Where(o => IsGmp(o.Object)).Select(o => o.Object).ToArray();

        var problems = gmp.SelectMany(o => schemas[o["kind"]!.GetValue<string>()].Validate(o).Select(p => $"{o["kind"]} {o["metadata"]!["name"]}: {p}")).ToList();
        // The CRD's CEL rules for a rule: exactly one of record and alert, annotations only on alerts.
        problems.AddRange(Rules.Where(r => (r["record"] is null) == (r["alert"] is null)).Select(r => $"rule {r["expr"]}: needs exactly one of record and alert"));
        problems.AddRange(Rules.Where(r => r["annotations"] is not null && r["alert"] is null).Select(r => $"rule {r["record"]}: annotations on a recording rule"));

        Assert.Equal(["ClusterPodMonitoring", "ClusterPodMonitoring", "ClusterRules"], gmp.Select(o => o["kind"]!.GetValue<string>()).Order());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_rules_and_every_dashboard_query_parse_as_promql_with_prometheus_own_parser()
    {
        var rulesFile = new JsonObject { ["groups"] = ClusterRules["spec"]!["groups"]!.DeepClone() };

        var rules = PromQl.CheckRules(rulesFile);
        var queries = PromQl.CheckRules(PromQl.RecordingRules(Expressions.Select(e => e.Expr)));

        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS: 6 rules found", rules.Output);
        Assert.True(queries.ExitCode == 0, queries.Output);
        Assert.True(Expressions.Count() > 25, $"only {Expressions.Count()} expressions were found");
    }

    [Fact]
    public void Promtool_and_the_metric_reader_refuse_what_they_should()
    {
        // Guards the two checks above: a broken expression fails promtool, and names are found where queries put them.
        var broken = PromQl.CheckRules(PromQl.RecordingRules(["sum by (namespace) (DCGM_FI_DEV_GPU_UTIL"]));

        Assert.NotEqual(0, broken.ExitCode);
        Assert.Equal(["DCGM_FI_DEV_FB_USED", "up", "x:recorded"],
            PromQl.Metrics("100 * sum by (pod, node) (rate(DCGM_FI_DEV_FB_USED{pod!=\"a{b}\", namespace=~\"$team\"}[5m] offset 1h)) / scalar(max(x:recorded)) unless on (node) up == 1").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_metric_a_rule_or_dashboard_names_is_a_pinned_dcgm_counter_or_a_listed_known_metric()
    {
        var counters = File.ReadAllLines(Path.Combine(Data, "dcgm-exporter-4.5.3-4.8.2-default-counters.csv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(',')[0].Trim()).ToHashSet();
        var known = File.ReadAllLines(Path.Combine(Data, "known-metrics.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[0]).ToHashSet();
        var recorded = Rules.Where(r => r["record"] is not null).Select(r => r["record"]!.GetValue<string>()).ToHashSet();

        var unknown = Expressions.SelectMany(e => PromQl.Metrics(e.Expr).Where(m => !counters.Contains(m) && !known.Contains(m)).Select(m => $"{e.Where}: {m}")).ToList();

        Assert.Contains("DCGM_FI_DEV_XID_ERRORS", counters);
        Assert.True(unknown.Count == 0, string.Join("\n", unknown));
        Assert.Subset(known, recorded);
        foreach (var metric in new[] { "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_XID_ERRORS" })
            Assert.Contains(Expressions, e => PromQl.Metrics(e.Expr).Contains(metric));
    }

    [Fact]
    public void The_alerts_cover_idle_gpus_xid_errors_a_silent_exporter_unready_nodes_and_full_memory_with_the_answers()
    {
        var alerts = Rules.Where(r => r["alert"] is not null).ToDictionary(r => r["alert"]!.GetValue<string>());

        Assert.Equal(["GpuExporterSilent", "GpuIdleWhileAllocated", "GpuMemoryNearlyFull", "GpuXidError", "NodeNotReady"], alerts.Keys.Order());
        Assert.Equal("30m", alerts["GpuIdleWhileAllocated"]["for"]!.GetValue<string>());
        Assert.EndsWith("> 95", alerts["GpuMemoryNearlyFull"]["expr"]!.GetValue<string>());
        Assert.Contains("up{job=\"dcgm-exporter\"}", alerts["GpuExporterSilent"]["expr"]!.GetValue<string>());
        // The exporter's ClusterPodMonitoring is what names the job the silence alert looks for.
        Assert.Equal("dcgm-exporter", Single("ClusterPodMonitoring", "dcgm-exporter")["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("vector(1.00)", Rules.Single(r => r["record"]?.GetValue<string>() == "mx:gpu_hour_cost_usd")["expr"]!.GetValue<string>());
    }

    [Fact]
    public void The_exporters_keep_the_workloads_labels_and_the_gpu_exporter_runs_only_on_gpu_nodes()
    {
        var dcgm = Single("ClusterPodMonitoring", "dcgm-exporter")["spec"]!;
        var ksm = Single("ClusterPodMonitoring", "kube-state-metrics")["spec"]!;
        var pod = Single("DaemonSet", "dcgm-exporter")["spec"]!["template"]!["spec"]!;

        // GMP adds namespace/pod/container of the scraped pod only when metadata names them, and the exporters' own
        // labels of those names (the workload's) would then become exported_*.
        Assert.Equal(["node"], dcgm["targetLabels"]!["metadata"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Empty(ksm["targetLabels"]!["metadata"]!.AsArray());
        Assert.Equal("cloud.google.com/gke-accelerator",
            pod["affinity"]!["nodeAffinity"]!["requiredDuringSchedulingIgnoredDuringExecution"]!["nodeSelectorTerms"]![0]!["matchExpressions"]![0]!["key"]!.GetValue<string>());
        Assert.Contains(pod["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "nvidia.com/gpu");
        Assert.Contains("--kubernetes=true", pod["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public void Every_image_is_pinned_by_tag_and_digest_and_grafana_is_non_root_bounded_and_only_a_cluster_ip()
    {
        var images = Objects.Select(o => o.Object).Where(o => o["kind"]!.GetValue<string>() is "Deployment" or "DaemonSet")
            .SelectMany(o => o["spec"]!["template"]!["spec"]!["containers"]!.AsArray()).Select(c => c!["image"]!.GetValue<string>()).ToArray();
        var grafana = Single("Deployment", "grafana")["spec"]!["template"]!["spec"]!;
        var container = grafana["containers"]![0]!;

        Assert.Equal(new[] { GpuMonitoring.DcgmExporterImage, GpuMonitoring.GmpFrontendImage, GpuMonitoring.GrafanaImage, GpuMonitoring.KubeStateMetricsImage }.Order(StringComparer.Ordinal),
            images.Order(StringComparer.Ordinal));
        Assert.All(images, i => Assert.Matches(@"^[a-z0-9.\-/]+:[A-Za-z0-9.\-]+@sha256:[0-9a-f]{64}$", i));
        Assert.True(grafana["securityContext"]!["runAsNonRoot"]!.GetValue<bool>());
        Assert.NotEqual(0L, grafana["securityContext"]!["runAsUser"]!.GetValue<long>());
        Assert.NotNull(container["resources"]!["requests"]!["cpu"]);
        Assert.NotNull(container["resources"]!["limits"]!["memory"]);
        Assert.All(Objects.Select(o => o.Object).Where(o => o["kind"]!.GetValue<string>() == "Service"),
            s => Assert.Equal("ClusterIP", s["spec"]!["type"]!.GetValue<string>()));
        Assert.Equal("Viewer", container["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "GF_AUTH_ANONYMOUS_ORG_ROLE")!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Grafana_provisions_every_dashboard_file_through_the_kustomize_config_map_and_reads_the_gmp_frontend()
    {
        var kustomization = YamlJson.LoadAll(project.Files[Directory + "kustomization.yaml"]).Single()!;
        var generated = kustomization["configMapGenerator"]!.AsArray().Single()!;
        var files = project.Files.Keys.Where(k => k.StartsWith(Directory + "dashboards/", StringComparison.Ordinal)).Select(k => k[Directory.Length..]);
        var provisioning = Single("ConfigMap", "grafana-provisioning")["data"]!;
        var datasource = YamlJson.LoadAll(provisioning["datasources.yaml"]!.GetValue<string>()).Single()!["datasources"]![0]!;

        Assert.Equal(files.Order(), generated["files"]!.AsArray().Select(f => f!.GetValue<string>()).Order());
        Assert.Contains(Single("Deployment", "grafana")["spec"]!["template"]!["spec"]!["volumes"]!.AsArray(),
            v => v!["configMap"]?["name"]?.GetValue<string>() == generated["name"]!.GetValue<string>());
        Assert.Equal("http://gmp-frontend.monitoring.svc:9090", datasource["url"]!.GetValue<string>());
        Assert.All(Dashboards, d => Assert.All(d["panels"]!.AsArray(), p => Assert.Equal(datasource["uid"]!.GetValue<string>(), p!["datasource"]!["uid"]!.GetValue<string>())));
        Assert.Equal(["mx-gpu-cluster", "mx-gpu-nodes", "mx-gpu-workloads"], Dashboards.Select(d => d["uid"]!.GetValue<string>()).Order());
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = project.Files[$"infra/pulumi/{stack}/Main.yaml"];

        var problems = PulumiProgramValidator.ValidateStack(program, project.Files[$"infra/pulumi/{stack}/Pulumi.yaml"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (stack == "platform") Assert.Contains("directory: ../../k8s/gpu-monitoring", program);
    }

    [Fact]
    public void The_cluster_turns_on_managed_prometheus_without_gkes_dcgm_and_lets_the_frontend_read_metrics()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(project.Files["infra/pulumi/cluster/Main.yaml"]))["resources"];
        var monitoring = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)resources["cluster"])["properties"])["monitoringConfig"];
        var components = ((YamlSequenceNode)monitoring["enableComponents"]).Select(c => c.ToString()).ToArray();
        var frontendAccount = YamlJson.LoadAll(project.Files[Directory + "gmp-frontend.yaml"]).First()!;

        Assert.Equal("true", ((YamlMappingNode)monitoring["managedPrometheus"])["enabled"].ToString());
        Assert.Contains("SYSTEM_COMPONENTS", components);
        Assert.DoesNotContain("DCGM", components);
        Assert.Equal("roles/monitoring.viewer", ((YamlMappingNode)((YamlMappingNode)resources["monitoringViewer"])["properties"])["role"].ToString());
        Assert.Equal("serviceAccount:acme-vision-prod.svc.id.goog[monitoring/gmp-frontend]",
            ((YamlMappingNode)((YamlMappingNode)resources["monitoringWorkloadIdentity"])["properties"])["member"].ToString());
        Assert.Equal("acme-vision-metrics@acme-vision-prod.iam.gserviceaccount.com",
            frontendAccount["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>());
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
