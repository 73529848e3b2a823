using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Reaper;
using Mx.Tests.Support;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Reaper;

/// <summary>What IdleReaper writes is valid for Kubernetes, kustomize and Pulumi, and least privilege.</summary>
public class IdleReaperValiditySpecs
{
    private const string Folder = "infra/k8s/idle-reaper/";
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-reaper");

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    [Fact]
    public void The_cronjob_and_its_identity_deserialise_strictly_as_kubernetes_objects()
    {
        var cronJob = KubernetesYaml.Deserialize<V1CronJob>(Read(Folder + "cronjob.yaml"), strict: true);
        var account = KubernetesYaml.Deserialize<V1ServiceAccount>(Read(Folder + "serviceaccount.yaml"), strict: true);
        var rbac = KubernetesYaml.LoadAllFromString(Read(Folder + "rbac.yaml"), new Dictionary<string, Type>
        {
            ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
            ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        }, strict: true);

        Assert.Equal("Forbid", cronJob.Spec.ConcurrencyPolicy);
        Assert.Equal("*/30 * * * *", cronJob.Spec.Schedule);
        var pod = cronJob.Spec.JobTemplate.Spec.Template.Spec;
        Assert.Equal(account.Metadata.Name, pod.ServiceAccountName);
        Assert.True(pod.SecurityContext.RunAsNonRoot);
        var container = Assert.Single(pod.Containers);
        Assert.Equal(IdleReaper.PythonImage, container.Image);
        Assert.NotNull(container.Resources.Limits);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Equal("acme-vision-reaper@acme-vision-prod.iam.gserviceaccount.com", account.Metadata.Annotations["iam.gke.io/gcp-service-account"]);
        Assert.Equal(2, rbac.Count);
    }

    [Fact]
    public void The_reaper_may_only_touch_pods_and_jobs_in_the_namespaces_mx_manages()
    {
        var objects = KubernetesYaml.LoadAllFromString(Read(Folder + "rbac.yaml"), new Dictionary<string, Type>
        {
            ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
            ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
        }, strict: true);
        var role = objects.OfType<V1Role>().Single();

        Assert.DoesNotContain(objects, o => o is V1ClusterRole or V1ClusterRoleBinding);
        Assert.Equal("training", role.Metadata.NamespaceProperty);
        var verbs = role.Rules.SelectMany(r => r.Resources.SelectMany(res => r.Verbs.Select(v => $"{res}:{v}{(r.ResourceNames is null ? "" : "@" + string.Join(',', r.ResourceNames))}"))).ToHashSet();
        Assert.Equal(new HashSet<string>
        {
            // A workspace is its pod: warned with an annotation, stopped by deleting it (never its home volume).
            "pods:list", "pods:patch", "pods:delete", "jobs:get", "jobs:patch", "jobs:delete", "trainjobs:get", "trainjobs:patch", "trainjobs:delete",
            "pytorchjobs:get", "pytorchjobs:patch", "pytorchjobs:delete", "events:create",
            "configmaps:create", "configmaps:get@idle-reaper-log", "configmaps:update@idle-reaper-log",
        }, verbs);
    }

    [Fact]
    public void The_code_configmap_carries_every_module_of_the_reaper_and_nothing_else()
    {
        var kustomization = (YamlMappingNode)Load(Read(Folder + "kustomization.yaml"));
        var generator = (YamlMappingNode)((YamlSequenceNode)kustomization["configMapGenerator"]).Children.Single();
        var listed = ((YamlSequenceNode)generator["files"]).Children.Select(f => f.ToString()).Order(StringComparer.Ordinal);
        var modules = Directory.EnumerateFiles(Path.Combine(Sample, Folder, "idle_reaper"), "*.py")
            .Select(f => "idle_reaper/" + Path.GetFileName(f)).Order(StringComparer.Ordinal);

        Assert.Equal(modules, listed);
        Assert.Equal("training", generator["namespace"].ToString());
        // The CronJob mounts the generated ConfigMap by the name kustomize rewrites to the hashed one.
        Assert.Contains("name: idle-reaper-code", Read(Folder + "cronjob.yaml"));
    }

    [Fact]
    public void The_cronjob_gives_the_reaper_every_setting_it_reads_and_no_secret_in_the_manifest()
    {
        var cronJob = KubernetesYaml.Deserialize<V1CronJob>(Read(Folder + "cronjob.yaml"), strict: true);
        var env = cronJob.Spec.JobTemplate.Spec.Template.Spec.Containers[0].Env.ToDictionary(e => e.Name);
        var main = Read(Folder + "idle_reaper/__main__.py");

        foreach (var name in env.Keys.Where(n => n.StartsWith("REAPER_", StringComparison.Ordinal) && n != "REAPER_SLACK_WEBHOOK"))
            Assert.Contains($"arg(\"{name["REAPER_".Length..].ToLowerInvariant().Replace('_', '-')}\"", main);
        Assert.Null(env["REAPER_SLACK_WEBHOOK"].Value);
        Assert.True(env["REAPER_SLACK_WEBHOOK"].ValueFrom.SecretKeyRef.Optional);
        Assert.Equal("Europe/Berlin", env["REAPER_TIME_ZONE"].Value);
        Assert.Equal("2026-12-24,2026-12-25,2026-12-31", env["REAPER_HOLIDAYS"].Value);
        Assert.Equal(IdleReaper.ManagedPrometheus("acme-vision-prod"), env["REAPER_PROMETHEUS"].Value);
    }

    [Theory]
    [InlineData("cluster")]
    [InlineData("platform")]
    public void The_edited_pulumi_programs_validate_against_the_provider_schemas(string stack)
    {
        var program = Read($"infra/pulumi/{stack}/Main.yaml");

        var problems = PulumiProgramValidator.ValidateStack(program, Read($"infra/pulumi/{stack}/Pulumi.yaml"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(stack == "platform" ? "directory: ../../k8s/idle-reaper" : "role: roles/monitoring.viewer", program);
    }

    [Fact]
    public void The_google_service_account_may_read_metrics_and_nothing_else()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(Read("infra/pulumi/cluster/Main.yaml")))["resources"];
        var granted = resources.Children.Where(r => r.Key.ToString().StartsWith(ReaperIdentity.ResourcePrefix, StringComparison.Ordinal))
            .Select(r => (YamlMappingNode)r.Value)
            .Where(r => r["type"].ToString().EndsWith("IAMMember", StringComparison.Ordinal))
            .Select(r => ((YamlMappingNode)r["properties"])["role"].ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(["roles/iam.workloadIdentityUser", "roles/monitoring.viewer"], granted);
        Assert.Contains("member: serviceAccount:acme-vision-prod.svc.id.goog[training/idle-reaper]", Read("infra/pulumi/cluster/Main.yaml"));
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
