using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Serving;
using Mx.Pulumi.Serving;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Serving;

/// <summary>
/// What ModelServing writes, and the InferenceService mx serve makes of its template, is valid for Kubernetes, for
/// KServe v0.20.0 (its pinned CRDs and the webhook's and controller's rules) and for Pulumi; KServe and cert-manager are
/// pinned releases, and the model server reads only MLflow's artifacts.
/// </summary>
public class ModelServingValiditySpecs(ServingProject project) : IClassFixture<ServingProject>
{
    private const string Directory = "infra/k8s/serving/";
    private static string Crds => Path.Combine(Repository.Shared, "schemas", "crds");

    private static Task<CrdSchema> InferenceServiceSchema() =>
        CrdSchema.LoadAsync(Path.Combine(Crds, "serving.kserve.io_inferenceservices.v0.20.0.yaml"), "v1beta1");

    private static IEnumerable<(string Path, JsonNode Object)> Objects(SortedDictionary<string, string> files) =>
        files.Where(f => f.Key.StartsWith(Directory, StringComparison.Ordinal) && f.Key.EndsWith(".yaml", StringComparison.Ordinal)
                         && !f.Key.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => YamlJson.LoadAll(f.Value).Select(o => (f.Key, o!)));

    private static JsonNode Template(SortedDictionary<string, string> files) => YamlJson.LoadAll(files[ModelServing.InferenceServiceTemplate]).Single()!;

    private static ResolvedModel Model => new(ModelSource.Parse("0123456789abcdef0123456789abcdef"),
        "mlflow-artifacts:/1/models/m-5a1b2c3d4e5f/artifacts", "gs://acme-vision-prod-acme-vision-artifacts/mlflow/1/models/m-5a1b2c3d4e5f/artifacts");

    [Fact]
    public void The_namespace_and_service_account_deserialise_strictly_and_the_kustomization_leaves_the_template_out()
    {
        var core = Objects(project.Files).Where(o => o.Object["kind"]!.GetValue<string>() != "InferenceService").ToArray();

        foreach (var (path, o) in core)
        {
            var kind = o["kind"]!.GetValue<string>();
            var error = Record.Exception(() => _ = kind switch
            {
                "Namespace" => (object)KubernetesYaml.Deserialize<V1Namespace>(o.ToJsonString(), strict: true),
                "ServiceAccount" => KubernetesYaml.Deserialize<V1ServiceAccount>(o.ToJsonString(), strict: true),
                _ => throw new InvalidOperationException($"{path}: unexpected {kind}"),
            });
            Assert.True(error is null, $"{path} {kind}: {error?.Message}");
        }
        Assert.Equal(2, core.Length);
        var kustomization = project.Files[Directory + "kustomization.yaml"];
        Assert.Contains("  - namespace.yaml", kustomization);
        Assert.Contains("  - serviceaccount.yaml", kustomization);
        Assert.DoesNotContain("- inference-service.yaml", kustomization);
    }

    [Fact]
    public async Task The_template_and_what_mx_serve_deploys_validate_strictly_against_the_pinned_v0_20_0_crd_and_kserves_rules()
    {
        var schema = await InferenceServiceSchema();
        var deployed = new[] { project.CpuRoot, project.GpuRoot }
            .Select(root => YamlJson.LoadAll(ModelServers.For(root).Manifest(Model, "classifier")).Single()!).ToArray();
        var all = new[] { Template(project.Files), Template(project.GpuFiles) }.Concat(deployed).ToArray();

        var problems = all.SelectMany(o => schema.Validate(o).Concat(InferenceServiceWebhookRules.Validate(o))
            .Select(p => $"{o["metadata"]!["name"]}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.All(deployed, d =>
        {
            Assert.Equal("classifier", d["metadata"]!["name"]!.GetValue<string>());
            Assert.Equal("serving", d["metadata"]!["namespace"]!.GetValue<string>());
            Assert.Equal("runs:/0123456789abcdef0123456789abcdef", d["metadata"]!["annotations"]!["mx.dev/model"]!.GetValue<string>());
            Assert.Equal(Model.StorageUri, d["spec"]!["predictor"]!["model"]!["storageUri"]!.GetValue<string>());
        });
    }

    [Fact]
    public void Kserves_rules_refuse_what_its_webhook_and_controller_refuse()
    {
        JsonNode With(Action<JsonNode> change)
        {
            var isvc = Template(project.Files).DeepClone();
            change(isvc);
            return isvc;
        }
        var predictor = (JsonNode n) => n["spec"]!["predictor"]!;
        var cases = new (string Expected, JsonNode Isvc)[]
        {
            ("a InferenceService name must consist of lower case", With(n => n["metadata"]!["name"] = "9lives")),
            ("longer than 63 characters", With(n => n["metadata"]!["name"] = "m" + new string('x', 53))),
            ("minReplicas cannot be greater than maxReplicas", With(n => predictor(n)["minReplicas"] = 3)),
            ("served as 1 by the HPA", With(n => predictor(n)["minReplicas"] = 0)),
            ("[rps] is not a supported metric", With(n => predictor(n)["scaleMetric"] = "rps")),
            ("[1-100] integer", With(n => predictor(n)["scaleTarget"] = 150)),
            ("is not a supported autoscaler class type", With(n => n["metadata"]!["annotations"]!["serving.kserve.io/autoscalerClass"] = "kpa")),
            ("deploymentMode Serverlesss", With(n => n["metadata"]!["annotations"]!["serving.kserve.io/deploymentMode"] = "Serverlesss")),
            // A URI with a scheme the storage initializer does not know ("mlflow-artifacts:/1/..." has no "://" and would pass as a local path).
            ("StorageUri [mlflow-artifacts://mlflow:5000/1/models/m-1/artifacts] is not supported",
                With(n => predictor(n)["model"]!["storageUri"] = "mlflow-artifacts://mlflow:5000/1/models/m-1/artifacts")),
            ("the 'name' field is not allowed", With(n => predictor(n)["model"]!["name"] = "model")),
            ("does not support protocol v1", With(n => predictor(n)["model"]!["protocolVersion"] = "v1")),
            ("does not support specified framework/version mlflow/3", With(n => predictor(n)["model"]!["modelFormat"]!["version"] = "3")),
            ("exactly one of", With(n => predictor(n)["sklearn"] = new JsonObject { ["storageUri"] = "gs://b/m" })),
        };

        Assert.All(cases, c => Assert.Contains(InferenceServiceWebhookRules.Validate(c.Isvc), p => p.Contains(c.Expected, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_gpu_shape_selects_the_pools_gpu_tolerates_its_taint_and_asks_for_equal_gpu_requests_and_limits()
    {
        var predictor = Template(project.GpuFiles)["spec"]!["predictor"]!;
        var resources = predictor["model"]!["resources"]!;

        Assert.Equal("nvidia-l4", predictor["nodeSelector"]!["cloud.google.com/gke-accelerator"]!.GetValue<string>());
        Assert.Contains(predictor["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "nvidia.com/gpu" && t["effect"]!.GetValue<string>() == "NoSchedule");
        Assert.Equal("1", resources["requests"]!["nvidia.com/gpu"]!.GetValue<string>());
        Assert.Equal("1", resources["limits"]!["nvidia.com/gpu"]!.GetValue<string>());
        Assert.Equal(2L, predictor["minReplicas"]!.GetValue<long>());
        Assert.Equal(4L, predictor["maxReplicas"]!.GetValue<long>());
        Assert.Null(Template(project.Files)["spec"]!["predictor"]!["nodeSelector"]);
        Assert.Null(Template(project.Files)["spec"]!["predictor"]!["model"]!["resources"]!["limits"]!["nvidia.com/gpu"]);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = project.Files[$"infra/pulumi/{stack}/Main.yaml"];

        var problems = PulumiProgramValidator.ValidateStack(program, project.Files[$"infra/pulumi/{stack}/Pulumi.yaml"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (stack == "platform") Assert.Contains("directory: ../../k8s/serving", program);
    }

    [Fact]
    public void Kserve_its_runtimes_and_cert_manager_are_pinned_helm_releases_in_standard_mode_without_an_ingress()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(project.Files["infra/pulumi/platform/Main.yaml"]))["resources"];
        YamlMappingNode Properties(string name) => (YamlMappingNode)((YamlMappingNode)resources[name])["properties"];
        string At(YamlNode node, params string[] path) => path.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key]).ToString();
        var releases = resources.Children.Where(r => ((YamlMappingNode)r.Value)["type"].ToString() == "kubernetes:helm.sh/v3:Release")
            .ToDictionary(r => r.Key.ToString(), r => (YamlMappingNode)((YamlMappingNode)r.Value)["properties"]);

        Assert.Equal(["kserveCertManager", "kserveController", "kserveCrds", "kserveRuntimes"], releases.Keys.Order(StringComparer.Ordinal));
        Assert.All(releases.Values, r => Assert.Matches("^v[0-9]+\\.[0-9]+\\.[0-9]+$", r["version"].ToString()));
        Assert.Equal("oci://ghcr.io/kserve/charts/kserve-crd", Properties("kserveCrds")["chart"].ToString());
        Assert.Equal("oci://ghcr.io/kserve/charts/kserve-resources", Properties("kserveController")["chart"].ToString());
        Assert.Equal("oci://ghcr.io/kserve/charts/kserve-runtime-configs", Properties("kserveRuntimes")["chart"].ToString());
        // The version of the CRDs the tests validate against is the version installed.
        Assert.True(File.Exists(Path.Combine(Crds, $"serving.kserve.io_inferenceservices.{Properties("kserveCrds")["version"]}.yaml")));
        Assert.All(new[] { "kserveCrds", "kserveController", "kserveRuntimes" }, r => Assert.Equal(ModelServing.KServeVersion, Properties(r)["version"].ToString()));
        Assert.Equal(ModelServing.CertManagerVersion, Properties("kserveCertManager")["version"].ToString());
        Assert.Equal("https://charts.jetstack.io", At(Properties("kserveCertManager"), "repositoryOpts", "repo"));
        Assert.Equal("true", At(Properties("kserveCertManager"), "values", "crds", "enabled"));
        Assert.Equal("Standard", At(Properties("kserveController"), "values", "kserve", "controller", "deploymentMode"));
        Assert.Equal("true", At(Properties("kserveController"), "values", "kserve", "controller", "gateway", "disableIngressCreation"));
        Assert.Equal("true", At(Properties("kserveRuntimes"), "values", "kserve", "servingruntime", "enabled"));
        Assert.Contains("${kserveCertManager}", ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)resources["kserveController"])["options"])["dependsOn"]).Select(d => d.ToString()));
    }

    [Fact]
    public void The_model_server_reads_only_mlflows_artifacts_as_its_workload_identity()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(project.Files["infra/pulumi/cluster/Main.yaml"]))["resources"];
        var reads = (YamlMappingNode)((YamlMappingNode)resources["modelServingReadsModels"])["properties"];
        var identity = (YamlMappingNode)((YamlMappingNode)resources["modelServingWorkloadIdentity"])["properties"];
        var account = YamlJson.LoadAll(project.Files[Directory + "serviceaccount.yaml"]).Single()!;
        var template = Template(project.Files);

        Assert.Equal("roles/storage.objectViewer", reads["role"].ToString());
        Assert.Equal("${artifactsBucket.name}", reads["bucket"].ToString());
        Assert.Contains("objects/mlflow/\")", ((YamlMappingNode)reads["condition"])["expression"].ToString());
        Assert.Equal("serviceAccount:acme-vision-prod.svc.id.goog[serving/model-server]", identity["member"].ToString());
        Assert.Equal("acme-vision-serve@acme-vision-prod.iam.gserviceaccount.com", account["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>());
        Assert.Equal("model-server", template["spec"]!["predictor"]!["serviceAccountName"]!.GetValue<string>());
        Assert.StartsWith("gs://acme-vision-prod-acme-vision-artifacts/mlflow", template["spec"]!["predictor"]!["model"]!["storageUri"]!.GetValue<string>());
        Assert.Equal("cluster-local", template["metadata"]!["labels"]!["networking.kserve.io/visibility"]!.GetValue<string>());
        Assert.DoesNotContain(resources.Children.Keys, k => k.ToString().StartsWith("modelServing", StringComparison.Ordinal) && k.ToString().Contains("Key", StringComparison.Ordinal));
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
