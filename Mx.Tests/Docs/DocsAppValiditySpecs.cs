using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Docs;
using Mx.Tests.Gateway;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Docs;

/// <summary>
/// What serves the published docs works when applied: strict Kubernetes models, the pinned Gateway API and GKE policy
/// CRDs with the front door's rules, GKE's Cloud Storage FUSE rules, the restricted Pod Security Standard, the programs
/// against the provider schemas, and names that must agree across the cluster program and the manifests.
/// </summary>
public class DocsAppValiditySpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-docs");
    private const string Folder = "infra/k8s/docs/";

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    private static JsonNode[] Objects(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Sample, folder), "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").Order(StringComparer.Ordinal)
            .SelectMany(f => YamlJson.LoadAll(File.ReadAllText(f))).Select(o => o!).ToArray();

    private static IReadOnlyList<object> Server => KubernetesYaml.LoadAllFromString(Read(Folder + "server.yaml"), strict: true);

    private static V1Deployment Deployment => Server.OfType<V1Deployment>().Single();

    private static JsonNode Of(string kind) => Objects(Folder).Single(o => o["kind"]!.GetValue<string>() == kind);

    private static YamlMappingNode ClusterResource(string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read("infra/pulumi/cluster/Main.yaml")));
        return (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"])[name];
    }

    private static string Property(YamlMappingNode resource, string name) => ((YamlMappingNode)resource["properties"])[name].ToString();

    [Fact]
    public async Task Every_object_deserialises_strictly_and_the_route_validates_with_the_gateway_against_the_pinned_crds_and_rules()
    {
        var ns = KubernetesYaml.Deserialize<V1Namespace>(Read(Folder + "namespace.yaml"), strict: true);
        var service = KubernetesYaml.Deserialize<V1Service>(Read(Folder + "service.yaml"), strict: true);
        var policy = KubernetesYaml.Deserialize<V1NetworkPolicy>(Read(Folder + "networkpolicy.yaml"), strict: true);

        var problems = await FrontDoorRules.ProblemsAsync([.. Objects("infra/k8s/gateway"), .. Objects(Folder)]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["V1ConfigMap", "V1Deployment", "V1ServiceAccount"], Server.Select(o => o.GetType().Name).Order(StringComparer.Ordinal));
        Assert.Equal(["ConfigMap", "Deployment", "GCPBackendPolicy", "HTTPRoute", "HealthCheckPolicy", "Namespace", "NetworkPolicy", "Service", "ServiceAccount"],
            Objects(Folder).Select(o => o["kind"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(Objects(Folder).Where(o => o["kind"]!.GetValue<string>() != "Namespace"), o => Assert.Equal(ns.Metadata.Name, o["metadata"]!["namespace"]!.GetValue<string>()));
        Assert.Equal("restricted", ns.Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(["130.211.0.0/22", "35.191.0.0/16"], Assert.Single(policy.Spec.Ingress).FromProperty.Select(p => p.IpBlock.Cidr));
        Assert.True(Of("GCPBackendPolicy")["spec"]!["default"]!["iap"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("docs.acme-vision.acme.ai", Of("HTTPRoute")["spec"]!["hostnames"]![0]!.GetValue<string>());
    }

    [Fact]
    public void The_kustomization_lists_every_file()
    {
        var kustomization = (YamlMappingNode)Load(Read(Folder + "kustomization.yaml"));

        Assert.Equal(Directory.EnumerateFiles(Path.Combine(Sample, Folder)).Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(StringComparer.Ordinal),
            ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_pod_mounts_the_docs_bucket_read_only_as_gke_s_fuse_driver_needs()
    {
        var template = Deployment.Spec.Template;
        var docs = template.Spec.Volumes.Single(v => v.Csi is not null);
        var mount = Assert.Single(template.Spec.Containers).VolumeMounts.Single(m => m.Name == docs.Name);

        Assert.Empty(GcsFuseRules.Problems(template));
        Assert.Equal(GcsFuseRules.Driver, docs.Csi.Driver);
        Assert.Equal("acme-vision-prod-acme-vision-docs", docs.Csi.VolumeAttributes["bucketName"]);
        Assert.True(docs.Csi.ReadOnlyProperty);
        Assert.True(mount.ReadOnlyProperty);
        // The bucket the pipeline publishes to is the one the pod mounts.
        Assert.Equal(docs.Csi.VolumeAttributes["bucketName"], Property(ClusterResource("cloudBuildDocsBucket"), "name"));
    }

    [Fact]
    public void The_fuse_rules_catch_what_the_driver_would_refuse_or_change()
    {
        var template = Deployment.Spec.Template;
        template.Metadata.Annotations.Remove("gke-gcsfuse/volumes");
        template.Metadata.Annotations.Remove("gke-gcsfuse/cpu-limit");
        template.Metadata.Annotations["gke-gcsfuse/memory-request"] = "1Gi";
        template.Spec.Volumes.Single(v => v.Csi is not null).Csi.VolumeAttributes["metadataCacheTtl"] = "60";

        var problems = GcsFuseRules.Problems(template);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("gke-gcsfuse/volumes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("gke-gcsfuse/cpu-request and -limit must be set together", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("memory request 1Gi is above its limit 256Mi", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("metadataCacheTtl, which the driver ignores", StringComparison.Ordinal));
    }

    [Fact]
    public void The_pod_reads_the_bucket_as_the_service_account_the_cluster_program_grants_it_to()
    {
        var account = Server.OfType<V1ServiceAccount>().Single();
        var grant = ClusterResource("docsAppReadsDocs");
        var identity = ClusterResource("docsAppWorkloadIdentity");

        Assert.Equal(account.Metadata.Name, Deployment.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal($"{Property(ClusterResource("docsAppAccount"), "accountId")}@acme-vision-prod.iam.gserviceaccount.com",
            account.Metadata.Annotations["iam.gke.io/gcp-service-account"]);
        Assert.Equal($"serviceAccount:acme-vision-prod.svc.id.goog[{account.Metadata.NamespaceProperty}/{account.Metadata.Name}]", Property(identity, "member"));
        Assert.Equal("roles/iam.workloadIdentityUser", Property(identity, "role"));
        // objectViewer: read and list (the driver's access check lists), on the docs bucket only.
        Assert.Equal("roles/storage.objectViewer", Property(grant, "role"));
        Assert.Equal("${cloudBuildDocsBucket.name}", Property(grant, "bucket"));
        Assert.True(Property(ClusterResource("docsAppAccount"), "accountId").Length is >= 6 and <= 30);
        Assert.Equal(DocsApp.ServiceAccountId(Mx.Generators.Answers.Empty.With("project_name", "acme-vision")), Property(ClusterResource("docsAppAccount"), "accountId"));
    }

    [Fact]
    public void The_server_meets_the_restricted_pod_security_standard_with_a_pinned_unprivileged_nginx()
    {
        var pod = Deployment.Spec.Template.Spec;
        var container = Assert.Single(pod.Containers);

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        // nginx-unprivileged runs as nginx (101) and writes its pid and temporary files under /tmp.
        Assert.Equal(101, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.False(pod.AutomountServiceAccountToken);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Null(container.SecurityContext.Privileged);
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/tmp");
        Assert.Contains(container.VolumeMounts, m => m.MountPath == "/etc/nginx/conf.d");
        Assert.All(new[] { "cpu", "memory" }, r => Assert.True(container.Resources.Requests.ContainsKey(r) && container.Resources.Limits.ContainsKey(r)));
        Assert.Matches(@"^nginxinc/nginx-unprivileged:\d+\.\d+\.\d+-alpine@sha256:[0-9a-f]{64}$", container.Image);
    }

    [Fact]
    public void Port_and_health_path_agree_across_the_config_the_pod_the_service_the_route_the_health_check_and_the_network_policy()
    {
        var container = Assert.Single(Deployment.Spec.Template.Spec.Containers);
        var config = Server.OfType<V1ConfigMap>().Single().Data["default.conf"];
        var service = Assert.Single(KubernetesYaml.Deserialize<V1Service>(Read(Folder + "service.yaml"), strict: true).Spec.Ports);
        var health = Of("HealthCheckPolicy")["spec"]!["default"]!["config"]!["httpHealthCheck"]!;
        var policy = KubernetesYaml.Deserialize<V1NetworkPolicy>(Read(Folder + "networkpolicy.yaml"), strict: true);

        Assert.Contains($"listen {DocsApp.Port};", config);
        Assert.Contains($"location = {DocsApp.HealthPath} {{", config);
        Assert.Equal(DocsApp.Port, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal("http", service.TargetPort.Value);
        Assert.Equal(DocsApp.Port, service.Port);
        Assert.Equal(DocsApp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Of("HTTPRoute")["spec"]!["rules"]![0]!["backendRefs"]![0]!["port"]!.ToJsonString());
        Assert.Equal(DocsApp.HealthPath, health["requestPath"]!.GetValue<string>());
        Assert.Equal(DocsApp.HealthPath, container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(DocsApp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(Assert.Single(policy.Spec.Ingress).Ports).Port.Value);
        Assert.Contains("root /srv/docs;", config);
        Assert.Equal("/srv/docs", container.VolumeMounts.Single(m => m.Name == "docs").MountPath);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = Read($"infra/pulumi/{stack}/Main.yaml");

        var problems = PulumiProgramValidator.ValidateStack(program, Read($"infra/pulumi/{stack}/Pulumi.yaml"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        if (stack == "platform") Assert.Contains("directory: ../../k8s/docs\n", program);
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
