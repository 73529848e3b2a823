using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Streamlit;
using Mx.Tests.Gateway;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Streamlit;

/// <summary>
/// What StreamlitApp writes works when applied: strict Kubernetes models, the pinned Gateway API and GKE policy CRDs
/// with the front door's rules, the platform program against the provider schema, and objects that name each other
/// (image, ports, probes, namespace labels) as the cluster, kustomize and the load balancer need.
/// </summary>
public class StreamlitValiditySpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-streamlit");
    private const string App = "infra/k8s/apps/demo/";

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    private static JsonNode[] Objects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Sample, folder), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.LoadAll(File.ReadAllText(f))).Select(o => o!).ToArray();

    private static V1Deployment Deployment => KubernetesYaml.Deserialize<V1Deployment>(Read(App + "deployment.yaml"), strict: true);

    [Fact]
    public async Task Every_object_deserialises_strictly_and_the_route_validates_with_the_gateway_against_the_pinned_crds_and_rules()
    {
        var ns = KubernetesYaml.Deserialize<V1Namespace>(Read(App + "namespace.yaml"), strict: true);
        var service = KubernetesYaml.Deserialize<V1Service>(Read(App + "service.yaml"), strict: true);
        var policy = KubernetesYaml.Deserialize<V1NetworkPolicy>(Read(App + "networkpolicy.yaml"), strict: true);
        var deployment = Deployment;

        var problems = await FrontDoorRules.ProblemsAsync([.. Objects("infra/k8s/gateway"), .. Objects(App)]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["Deployment", "GCPBackendPolicy", "HTTPRoute", "HealthCheckPolicy", "Namespace", "NetworkPolicy", "Service"],
            Objects(App).Select(o => o["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(new[] { deployment.Metadata.NamespaceProperty, service.Metadata.NamespaceProperty, policy.Metadata.NamespaceProperty }, n => Assert.Equal(ns.Metadata.Name, n));
        // The MLflow tracking server's network policy admits namespaces with this label (training-infra/mlflow-networkpolicy.yaml).
        Assert.Equal("true", ns.Metadata.Labels["mx.dev/mlflow-client"]);
        // The pod meets the restricted Pod Security Standard the namespace enforces (see the next spec for what it asks).
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.Contains("mx.dev/mlflow-client: \"true\"", Read("infra/k8s/training-infra/mlflow-networkpolicy.yaml"));
    }

    [Fact]
    public void The_kustomizations_list_every_file_and_map_the_deployments_image_to_the_registry_with_a_tag()
    {
        var app = (YamlMappingNode)Load(Read(App + "kustomization.yaml"));
        var apps = (YamlMappingNode)Load(Read(StreamlitApps.AppsKustomization));
        var image = Assert.Single(((YamlSequenceNode)apps["images"]).Cast<YamlMappingNode>());
        var container = Assert.Single(Deployment.Spec.Template.Spec.Containers);

        Assert.Equal(Directory.EnumerateFiles(Path.Combine(Sample, App)).Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal),
            ((YamlSequenceNode)app["resources"]).Select(r => r.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["demo"], ((YamlSequenceNode)apps["resources"]).Select(r => r.ToString()));
        // kustomize's images transformer matches the name without its tag, and replaces name and tag.
        Assert.Equal(image["name"].ToString(), container.Image.Split(':')[0]);
        Assert.Equal("europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-app-demo", image["newName"].ToString());
        Assert.Equal(StreamlitApps.UndeployedTag, image["newTag"].ToString());
        Assert.Equal(StreamlitApps.ContainerName, container.Name);
    }

    [Fact]
    public void The_pod_runs_unprivileged_with_resources_and_probes_on_streamlits_health_endpoint_and_no_credentials()
    {
        var pod = Deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.Equal(10001, pod.SecurityContext.RunAsUser);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.Null(pod.ServiceAccountName);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.All(new[] { "cpu", "memory" }, r => Assert.True(container.Resources.Requests.ContainsKey(r) && container.Resources.Limits.ContainsKey(r)));
        Assert.Equal("/_stcore/health", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/_stcore/health", container.LivenessProbe.HttpGet.Path);
        Assert.Equal("http", container.ReadinessProbe.HttpGet.Port.Value);
        // A read-only root file system needs somewhere for Streamlit's home and MLflow's downloads.
        Assert.Equal(["/home/app", "/tmp"], container.VolumeMounts.Select(m => m.MountPath).Order(StringComparer.Ordinal));
        Assert.Equal("http://mlflow.mlflow.svc.cluster.local:5000", container.Env.Single(e => e.Name == "MLFLOW_TRACKING_URI").Value);
    }

    [Fact]
    public void The_platform_stack_may_take_the_image_back_from_kubectl_after_mx_app_deploy()
    {
        // pulumi-kubernetes (provider/pkg/await/await.go, patchForce) forces a server-side apply over another field
        // manager's fields only with this annotation; 'kubectl set image' makes kubectl-set the owner of the image.
        Assert.Equal("true", Deployment.Metadata.Annotations["pulumi.com/patchForce"]);
    }

    [Fact]
    public void Port_8501_runs_through_the_image_the_pod_the_service_the_route_the_health_check_and_the_network_policy()
    {
        var container = Assert.Single(Deployment.Spec.Template.Spec.Containers);
        var service = KubernetesYaml.Deserialize<V1Service>(Read(App + "service.yaml"), strict: true);
        var route = Objects(App).Single(o => o["kind"]!.GetValue<string>() == "HTTPRoute");
        var health = Objects(App).Single(o => o["kind"]!.GetValue<string>() == "HealthCheckPolicy");
        var policy = KubernetesYaml.Deserialize<V1NetworkPolicy>(Read(App + "networkpolicy.yaml"), strict: true);
        var port = Assert.Single(service.Spec.Ports);

        Assert.Equal(8501, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal("http", Assert.Single(container.Ports).Name);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(Deployment.Spec.Template.Metadata.Labels["app.kubernetes.io/name"], service.Spec.Selector["app.kubernetes.io/name"]);
        Assert.Equal("http", port.TargetPort.Value);
        Assert.Equal(port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), route["spec"]!["rules"]![0]!["backendRefs"]![0]!["port"]!.ToJsonString());
        Assert.Equal("8501", health["spec"]!["default"]!["config"]!["httpHealthCheck"]!["port"]!.ToJsonString());
        Assert.Equal("8501", Assert.Single(Assert.Single(policy.Spec.Ingress).Ports).Port.Value);
        // Google Front Ends and health checkers: the source ranges of Cloud Load Balancing's firewall rules.
        Assert.Equal(["130.211.0.0/22", "35.191.0.0/16"], policy.Spec.Ingress[0].FromProperty.Select(p => p.IpBlock.Cidr));
        Assert.Contains("EXPOSE 8501\nCMD [\"python\", \"-m\", \"streamlit\", \"run\", \"apps/demo.py\", \"--server.address=0.0.0.0\", \"--server.port=8501\"", Read("Dockerfile"));
    }

    [Fact]
    public void The_backend_keeps_websockets_open_behind_iap()
    {
        var policy = Objects(App).Single(o => o["kind"]!.GetValue<string>() == "GCPBackendPolicy");

        Assert.True(policy["spec"]!["default"]!["iap"]!["enabled"]!.GetValue<bool>());
        // The backend service timeout caps a WebSocket's lifetime (30 s by default), and Streamlit's page is one WebSocket.
        Assert.Equal("86400", policy["spec"]!["default"]!["timeoutSec"]!.ToJsonString());
        Assert.Equal("demo", policy["spec"]!["targetRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void The_dockerfiles_app_stage_builds_on_the_project_stage_and_the_training_image_stays_the_default_target()
    {
        var dockerfile = Read("Dockerfile");
        var stages = dockerfile.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();

        Assert.Equal(["FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime AS project", "FROM project AS app-demo", "FROM project"], stages);
        Assert.Contains("COPY src/acme_vision/apps/demo.py ./apps/demo.py\nUSER 10001:10001\n", dockerfile);
        Assert.Equal(dockerfile, AppImageStage.Apply(dockerfile, "acme_vision", "demo"));
    }

    [Fact]
    public void Pyproject_parses_and_pins_streamlit_in_the_optional_group_the_image_installs()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("pyproject.toml");
        File.WriteAllText(path, Read("pyproject.toml"));

        var result = TorchPython.Run(dir.Path, new Dictionary<string, string?>(), "-c",
            "import tomllib, sys; d = tomllib.load(open(sys.argv[1], 'rb')); print(d['project']['optional-dependencies']['app'])", path);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal($"['streamlit=={StreamlitApps.StreamlitVersion}']", result.Output.Trim());
        Assert.Equal(Read("pyproject.toml"), AppDependencies.Apply(Read("pyproject.toml"), "acme_vision"));
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = Read($"infra/pulumi/{stack}/Main.yaml");

        var problems = PulumiProgramValidator.ValidateStack(program, Read($"infra/pulumi/{stack}/Pulumi.yaml"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (stack == "platform") Assert.Contains("directory: ../../k8s/apps\n", program);
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
