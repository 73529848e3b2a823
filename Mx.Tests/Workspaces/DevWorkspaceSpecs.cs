using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Workspaces;
using Mx.Lint;
using Mx.Pulumi;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Workspaces;
using Mx.Tests.Cli;
using Mx.Tests.Lint;
using Mx.Tests.Support;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Workspaces;

/// <summary>What DevWorkspace writes, and what 'mx workspace create' renders from it, is valid and lints clean.</summary>
public class DevWorkspaceSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-workspace is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "DevWorkspace", "--no-input"];

    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-workspace");

    private static readonly Dictionary<string, Type> Kinds = new()
    {
        ["v1/Pod"] = typeof(V1Pod),
        ["v1/PersistentVolumeClaim"] = typeof(V1PersistentVolumeClaim),
        ["v1/Secret"] = typeof(V1Secret),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
    };

    [Fact]
    public void The_workspace_sample_is_the_skeleton_plus_dev_workspaces_and_regenerating_changes_nothing()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Sample, scenario.Project);
        var before = scenario.Tree(scenario.Project);
        Assert.Contains("Nothing to change", scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input").Output);
        Assert.Contains("Nothing to change", scenario.MxIn(scenario.Project, SampleArgs).Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Destroying_dev_workspaces_gives_back_the_skeletons_dockerfile_and_cluster_program()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var skeleton = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);

        var destroyed = scenario.MxIn(scenario.Project, "destroy", DevWorkspace.GeneratorName, "--no-input");

        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        foreach (var path in new[] { "Dockerfile", "infra/pulumi/cluster/Main.yaml" })
            Assert.Equal(skeleton[path], after[path]);
        Assert.DoesNotContain(after.Keys, p => p.StartsWith("docker/", StringComparison.Ordinal) || p.StartsWith("infra/k8s/workspaces/", StringComparison.Ordinal));
    }

    [Fact]
    public void Warm_nodes_and_image_streaming_are_set_on_the_gpu_pool_only()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);

        var result = scenario.MxIn(scenario.Project, "generate", "DevWorkspace", "--workspace-warm-nodes", "1", "--workspace-image-streaming", "false", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var pool = Pool(File.ReadAllText(Path.Combine(scenario.Project, "infra/pulumi/cluster/Main.yaml")));
        Assert.Equal("1", ((YamlMappingNode)pool["autoscaling"])["minNodeCount"].ToString());
        Assert.Equal("false", ((YamlMappingNode)((YamlMappingNode)pool["nodeConfig"])["gcfsConfig"])["enabled"].ToString());
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "DevWorkspace", "--workspace-warm-nodes", "9", "--no-input"), "0 to 2 warm nodes");
    }

    [Fact]
    public void The_cluster_program_with_image_streaming_validates_against_the_provider_schema()
    {
        var program = File.ReadAllText(Path.Combine(Sample, "infra/pulumi/cluster/Main.yaml"));
        var projectFile = (YamlMappingNode)Load(File.ReadAllText(Path.Combine(Sample, "infra/pulumi/cluster/Pulumi.yaml")));
        var declared = projectFile.Children.TryGetValue(new YamlScalarNode("config"), out var config)
            ? ((YamlMappingNode)config).Children.Keys.Select(k => k.ToString()) : [];

        var problems = PulumiProgramValidator.Validate(program, declared, projectFile["name"].ToString());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal("true", ((YamlMappingNode)((YamlMappingNode)Pool(program)["nodeConfig"])["gcfsConfig"])["enabled"].ToString());
        Assert.Equal("0", ((YamlMappingNode)Pool(program)["autoscaling"])["minNodeCount"].ToString());
    }

    [Theory]
    [InlineData("l4-1", null, false)]
    [InlineData(null, null, true)]
    public void The_template_renders_strictly_valid_objects_with_the_contracts_names_labels_and_security(string? shape, int? gpus, bool cpuOnly)
    {
        var text = Render(shape, gpus, cpuOnly);

        var objects = KubernetesYaml.LoadAllFromString(text, Kinds, strict: true);
        var pod = objects.OfType<V1Pod>().Single();
        Assert.Equal(["ws-ada-home"], objects.OfType<V1PersistentVolumeClaim>().Select(c => c.Metadata.Name));
        Assert.Equal(["ws-ada-ssh", "ws-ada-jupyter"], objects.OfType<V1Secret>().Select(s => s.Metadata.Name));
        Assert.True(pod.Spec.SecurityContext.RunAsNonRoot);
        Assert.Equal(1000, pod.Spec.SecurityContext.RunAsUser);
        var isolation = objects.OfType<V1NetworkPolicy>().Single();
        Assert.Equal(["Ingress"], isolation.Spec.PolicyTypes);
        Assert.Null(isolation.Spec.Ingress);
        Assert.Equal(new Dictionary<string, string> { ["mx.dev/workspace"] = "ada" }, isolation.Spec.PodSelector.MatchLabels);
        Assert.Equal("ada", pod.Metadata.Labels["mx.dev/workspace"]);
        var container = Assert.Single(pod.Spec.Containers);
        Assert.Equal(2222, container.ReadinessProbe.TcpSocket.Port.Value is string p ? int.Parse(p) : 0);
        Assert.Equal([2222, 8888], container.Ports.Select(port => port.ContainerPort));
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.Equal(["ALL"], container.SecurityContext.Capabilities.Drop);
        Assert.Equal("/home/mx", container.VolumeMounts.Single(m => m.Name == "home").MountPath);
        Assert.True(container.VolumeMounts.Single(m => m.Name == "ssh-keys").ReadOnlyProperty);
        Assert.Equal("ws-ada-home", pod.Spec.Volumes.Single(v => v.Name == "home").PersistentVolumeClaim.ClaimName);
        Assert.Equal("ws-ada-ssh", pod.Spec.Volumes.Single(v => v.Name == "ssh-keys").Secret.SecretName);
        Assert.Equal("Memory", pod.Spec.Volumes.Single(v => v.Name == "dshm").EmptyDir.Medium);
        Assert.Equal("/dev/shm", container.VolumeMounts.Single(m => m.Name == "dshm").MountPath);
        Assert.Equal("ws-ada-jupyter", container.Env.Single(e => e.Name == "JUPYTER_TOKEN").ValueFrom.SecretKeyRef.Name);
        Assert.Equal(container.Resources.Requests["memory"], container.Resources.Limits["memory"]);
        if (cpuOnly)
        {
            Assert.Null(pod.Spec.Tolerations);
            Assert.Equal("cpu", pod.Spec.NodeSelector["cloud.google.com/gke-nodepool"]);
        }
        else
        {
            Assert.Equal("nvidia-l4", pod.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
            Assert.Equal("gpu", pod.Spec.NodeSelector["mx.dev/pool"]);
            Assert.Contains(pod.Spec.Tolerations, t => t.Key == "nvidia.com/gpu" && t.Effect == "NoSchedule");
            Assert.Equal(container.Resources.Requests["nvidia.com/gpu"], container.Resources.Limits["nvidia.com/gpu"]);
        }
        // The memory-backed /dev/shm counts against the limit, so it must leave room for the user's processes.
        Assert.True(pod.Spec.Volumes.Single(v => v.Name == "dshm").EmptyDir.SizeLimit.ToDecimal() < container.Resources.Limits["memory"].ToDecimal());
    }

    [Fact]
    public void The_sshd_config_turns_off_passwords_and_reads_the_mounted_key_on_the_contracts_port()
    {
        var config = File.ReadAllLines(Path.Combine(Sample, "docker/workspace/sshd_config")).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal("2222", config["Port"]);
        Assert.Equal("no", config["PasswordAuthentication"]);
        Assert.Equal("no", config["KbdInteractiveAuthentication"]);
        Assert.Equal("no", config["PermitRootLogin"]);
        Assert.Equal("mx", config["AllowUsers"]);
        Assert.Equal("/etc/mx-ssh/authorized_keys", config["AuthorizedKeysFile"]);
        var pod = KubernetesYaml.LoadAllFromString(Render("l4-1", null, false), Kinds, strict: true).OfType<V1Pod>().Single();
        Assert.Equal("/etc/mx-ssh", pod.Spec.Containers[0].VolumeMounts.Single(m => m.Name == "ssh-keys").MountPath);
    }

    [Fact]
    public void The_sample_and_the_rendered_workspaces_lint_clean()
    {
        using var project = LintProject.CopyOf(Sample);
        File.WriteAllText(Path.Combine(project.Root, "infra/k8s/workspaces/rendered-gpu.yaml"), Render("l4-1", null, false));
        File.WriteAllText(Path.Combine(project.Root, "infra/k8s/workspaces/rendered-cpu.yaml"), Render(null, null, true));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.True(report.Active.Count() == 0, string.Join("\n", report.Active));
    }

    [Fact]
    public void The_dockerfile_edit_is_idempotent_keeps_the_project_image_the_default_target_and_refuses_a_renamed_stage()
    {
        var skeleton = File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision", "Dockerfile"));

        var once = WorkspaceDockerfile.Apply(skeleton);

        Assert.Equal(once, WorkspaceDockerfile.Apply(once));
        Assert.Equal(File.ReadAllText(Path.Combine(Sample, "Dockerfile")), once);
        var stages = once.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime AS project", "FROM project AS workspace", "FROM project"], stages);
        var error = Assert.Throws<Mx.Generators.MxException>(() => WorkspaceDockerfile.Apply(skeleton.Replace("cudnn9-runtime\n", "cudnn9-runtime AS train\n")));
        Assert.Contains("AS project", error.Message);
    }

    private static string Render(string? shape, int? gpus, bool cpuOnly)
    {
        using var home = new TempDirectory();
        var project = InfraProject.Load(Sample, null, null);
        var workspaces = new DevWorkspaces(project, ToolRunner.Default, TimeProvider.System, new SshConfigFile(home.Path));
        var template = File.ReadAllText(Path.Combine(Sample, DevWorkspace.ManifestTemplate));
        return workspaces.Render(template, "ada", "training", "ada@acme.ai", WorkspaceShape.Resolve(project.State, shape, gpus, cpuOnly),
            "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:abc123", "ssh-ed25519 AAAA ada@laptop\n", "token");
    }

    private static YamlMappingNode Pool(string program) =>
        (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Load(program))["resources"])["gpuPool"])["properties"];

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
