using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Tests.Cli;

namespace Mx.Tests.Workspaces;

/// <summary>
/// mx workspace create/list/stop/start/delete through the CLI against a fake kubectl, gcloud and docker
/// (Fakes/fake_workspace_tool.py) that answer in the real output formats.
/// </summary>
public class WorkspaceCommandSpecs
{
    private const string Image = "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:abc123";
    private const string Scope = "--context mx-acme-vision-dev --namespace training";

    private static readonly Dictionary<string, Type> Kinds = new()
    {
        ["v1/Pod"] = typeof(V1Pod),
        ["v1/PersistentVolumeClaim"] = typeof(V1PersistentVolumeClaim),
        ["v1/Secret"] = typeof(V1Secret),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
    };

    private static string Argv(IEnumerable<string> argv) => string.Join(' ', argv);

    [Fact]
    public void Create_follows_the_pod_through_its_phases_times_each_and_writes_the_ssh_host()
    {
        using var world = new WorkspaceWorld();
        world.Run.Extra["MX_FAKE_WS_STEPS"] = "unschedulable,scaleup,pulling,running,ready";

        var result = world.Mx("workspace", "create", "--shape", "l4-1", "--image", Image, "--json", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        var created = JsonNode.Parse(result.Output)!;
        Assert.Equal("ada", created["workspace"]!.GetValue<string>());
        Assert.Equal("training", created["namespace"]!.GetValue<string>());
        Assert.Equal("ada@acme.ai", created["owner"]!.GetValue<string>());
        Assert.Equal("mx-acme-vision-ada", created["ssh_host"]!.GetValue<string>());
        Assert.True(created["include_in_user_config"]!.GetValue<bool>());
        var phases = created["phases"]!.AsArray().Select(p => p!["phase"]!.GetValue<string>()).ToArray();
        Assert.Equal(["applied", "waiting-for-node", "node-scaling-up", "pulling-image", "starting-sshd", "ready"], phases);
        Assert.All(created["phases"]!.AsArray(), p => Assert.True(p!["seconds"]!.GetValue<double>() >= 0));
        Assert.Contains("node-scaling-up: the cluster autoscaler is adding a node", result.Error);

        var block = File.ReadAllText(world.MxSshConfig);
        Assert.Contains($"""
            Host mx-acme-vision-ada
              User mx
              ProxyCommand "mx" workspace proxy ada --project "{world.Run.Project}"
              IdentityFile {Path.Combine(world.Home, ".ssh", "id_ed25519")}
              IdentitiesOnly yes
              ServerAliveInterval 30
              ServerAliveCountMax 6
              UserKnownHostsFile ~/.ssh/mx/known_hosts
              StrictHostKeyChecking accept-new
            """, block);
        Assert.StartsWith("# Added by mx", File.ReadAllText(world.UserSshConfig));
        Assert.Contains("\nInclude ~/.ssh/mx/config\n", File.ReadAllText(world.UserSshConfig));

        var apply = world.Run.Calls().Single(c => c.Argv.Contains("apply"));
        Assert.Equal($"{Scope} apply --filename -", Argv(apply.Argv));
        var objects = KubernetesYaml.LoadAllFromString(apply.Stdin!, Kinds, strict: true);
        Assert.Equal(["PersistentVolumeClaim", "Secret", "Secret", "NetworkPolicy", "Pod"], objects.Select(o => ((IKubernetesObject)o).Kind));
        foreach (var o in objects.Cast<IMetadata<V1ObjectMeta>>())
        {
            Assert.Equal("workspace", o.Metadata.Labels["app.kubernetes.io/component"]);
            Assert.Equal("ada", o.Metadata.Labels["mx.dev/workspace"]);
            Assert.Equal("mx", o.Metadata.Labels["app.kubernetes.io/managed-by"]);
            Assert.Equal("ada_acme.ai", o.Metadata.Labels["mx.dev/user"]);
            Assert.Equal("ada@acme.ai", o.Metadata.Annotations["mx.dev/owner"]);
        }
        var ssh = objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "ws-ada-ssh");
        Assert.Equal(WorkspaceWorld.PublicKey + "\n", System.Text.Encoding.UTF8.GetString(ssh.Data["authorized_keys"]));
        Assert.Equal(48, objects.OfType<V1Secret>().Single(s => s.Metadata.Name == "ws-ada-jupyter").Data["token"].Length);
        var pod = objects.OfType<V1Pod>().Single();
        Assert.Equal(Image, pod.Spec.Containers[0].Image);
        Assert.Equal("1", pod.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("nvidia-l4", pod.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
        // The pod is found by its label, never by a computed name.
        Assert.All(world.Run.Calls().Where(c => c.Argv.Contains("pods,persistentvolumeclaims")),
            c => Assert.Equal($"{Scope} get pods,persistentvolumeclaims --selector mx.dev/workspace=ada --output json", Argv(c.Argv)));
    }

    [Fact]
    public void A_workspace_goes_from_create_to_ready_to_stopped_to_started_to_deleted_and_its_ssh_host_goes_with_it()
    {
        using var world = new WorkspaceWorld();

        var created = world.Mx("workspace", "create", "ada-gpu", "--gpus", "1", "--image", Image, "--yes");
        var running = world.Mx("workspace", "list", "--json");
        var stopped = world.Mx("workspace", "stop", "ada-gpu");
        var listedStopped = world.Mx("workspace", "list");
        var started = world.Mx("workspace", "start", "ada-gpu");
        var startApply = world.Run.Calls().Last(c => c.Argv.Contains("apply"));
        var deleted = world.Mx("workspace", "delete", "ada-gpu", "--yes");

        Assert.True(created.ExitCode == 0, created.All);
        Assert.Contains("Workspace ada-gpu is ready", created.Output);
        Assert.Contains("ssh mx-acme-vision-ada-gpu", created.Output);
        var row = JsonNode.Parse(running.Output)!.AsArray().Single()!;
        Assert.Equal("running", row["state"]!.GetValue<string>());
        Assert.Equal("l4-1", row["shape"]!.GetValue<string>());
        Assert.Equal("ada@acme.ai", row["owner"]!.GetValue<string>());
        Assert.True(stopped.ExitCode == 0, stopped.All);
        Assert.Contains("home volume ws-ada-gpu-home is kept", stopped.Output);
        Assert.Contains(world.Run.Calls(), c => Argv(c.Argv) == $"{Scope} delete pods --selector mx.dev/workspace=ada-gpu --ignore-not-found --output=name");
        Assert.Matches(@"ada-gpu\s+.*training\s+.*ada@acme\.ai\s+.*l4-1\s+.*stopped", listedStopped.Output);
        Assert.True(started.ExitCode == 0, started.All);
        var restarted = KubernetesYaml.LoadAllFromString(startApply.Stdin!, Kinds, strict: true);
        Assert.IsType<V1Pod>(Assert.Single(restarted));
        Assert.Equal(Image, ((V1Pod)restarted[0]).Spec.Containers[0].Image);
        Assert.True(deleted.ExitCode == 0, deleted.All);
        Assert.Contains(world.Run.Calls(), c => Argv(c.Argv) == $"{Scope} delete pods,persistentvolumeclaims,secrets,networkpolicies --selector mx.dev/workspace=ada-gpu --ignore-not-found --output=name");
        Assert.DoesNotContain("mx-acme-vision-ada-gpu", File.ReadAllText(world.MxSshConfig));
        Assert.Contains("No workspaces", world.Mx("workspace", "list").Output);
    }

    [Fact]
    public void Without_a_terminal_or_yes_the_include_line_is_only_printed_and_a_second_workspace_adds_one_block_without_duplicates()
    {
        using var world = new WorkspaceWorld();
        File.WriteAllText(world.UserSshConfig, "Host github.com\n  User git\n");

        var first = world.Mx("workspace", "create", "one", "--image", Image);
        var second = world.Mx("workspace", "create", "two", "--cpu-only", "--image", Image);

        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(second.ExitCode == 0, second.All);
        Assert.Contains("once ~/.ssh/config starts with the line: Include ~/.ssh/mx/config", first.Output);
        Assert.Equal("Host github.com\n  User git\n", File.ReadAllText(world.UserSshConfig));
        var config = File.ReadAllText(world.MxSshConfig);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(config, "^Host mx-acme-vision-one$", System.Text.RegularExpressions.RegexOptions.Multiline));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(config, "^Host mx-acme-vision-two$", System.Text.RegularExpressions.RegexOptions.Multiline));
        var cpuPod = KubernetesYaml.LoadAllFromString(world.Run.Calls().Last(c => c.Argv.Contains("apply")).Stdin!, Kinds, strict: true).OfType<V1Pod>().Single();
        Assert.Null(cpuPod.Spec.Tolerations);
        Assert.False(cpuPod.Spec.Containers[0].Resources.Limits.ContainsKey("nvidia.com/gpu"));
        Assert.Equal("cpu", cpuPod.Spec.NodeSelector["cloud.google.com/gke-nodepool"]);
        Assert.False(cpuPod.Metadata.Labels.ContainsKey("kueue.x-k8s.io/queue-name"));
    }

    [Fact]
    public void Without_an_image_the_workspace_stage_is_built_and_pushed_under_the_commit()
    {
        using var world = new WorkspaceWorld();

        var result = world.Mx("workspace", "create", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        var head = world.Run.Git("rev-parse", "--short=12", "HEAD");
        var image = $"europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:{head}";
        var docker = world.Run.Calls().Where(c => c.Tool == "docker").Select(c => Argv(c.Argv)).ToArray();
        Assert.Equal([$"build --target workspace --tag {image} {world.Run.Project}", $"push {image}"], docker);
    }

    [Fact]
    public void An_unknown_shape_a_bad_name_or_too_many_gpus_are_refused_before_any_cluster_call()
    {
        using var world = new WorkspaceWorld();

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--shape", "h100-8", "--image", Image), "--shape h100-8", "l4-1", "cpu");
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "Ada_1", "--image", Image), "'Ada_1' cannot name a workspace");
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--gpus", "2", "--image", Image), "--gpus 2", "1-1");
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--cpu-only", "--gpus", "1", "--image", Image), "--cpu-only");
        Assert.DoesNotContain(world.Run.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void A_name_in_use_is_refused_and_a_stopped_one_is_pointed_at_start()
    {
        using var world = new WorkspaceWorld();
        Assert.Equal(0, world.Mx("workspace", "create", "--image", Image).ExitCode);

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image), "A workspace named ada already exists", "mx workspace create OTHER-NAME");
        Assert.Equal(0, world.Mx("workspace", "stop", "ada").ExitCode);
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image), "mx workspace start ada");
        Assert.Single(world.Run.Calls(), c => c.Argv.Contains("apply"));
    }

    [Fact]
    public void Without_a_public_key_it_says_which_ssh_keygen_command_to_run()
    {
        using var world = new WorkspaceWorld(withKey: false);

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image), "No ssh public key found", "ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519");
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image, "--public-key", "nope.pub"), "--public-key nope.pub", "ssh-keygen -t ed25519");
        Assert.DoesNotContain(world.Run.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void Another_users_workspace_is_refused_without_all_and_shown_and_stopped_with_it()
    {
        using var world = new WorkspaceWorld();
        Assert.Equal(0, world.Mx("workspace", "create", "--image", Image).ExitCode);
        world.Run.Extra["MX_FAKE_ACCOUNT"] = "alan@acme.ai";

        foreach (var args in new[] { new[] { "stop", "ada" }, ["start", "ada"], ["delete", "ada", "--yes"] })
            CliScenario.AssertBadInput(world.Mx(["workspace", .. args]), "belongs to ada@acme.ai, not to you (alan@acme.ai)", "--all");
        Assert.Contains("No workspaces", world.Mx("workspace", "list").Output);
        var everyone = world.Mx("workspace", "list", "--all", "--json");
        Assert.Equal("ada@acme.ai", JsonNode.Parse(everyone.Output)!.AsArray().Single()!["owner"]!.GetValue<string>());
        Assert.True(world.Mx("workspace", "stop", "ada", "--all").ExitCode == 0);
        Assert.DoesNotContain(world.Run.Calls(), c => c.Argv.Contains("delete") && c.Argv.Any(a => a.Contains("secrets", StringComparison.Ordinal)));
        Assert.Contains(world.Run.Calls(), c => Argv(c.Argv) == $"{Scope} delete pods --selector mx.dev/workspace=ada --ignore-not-found --output=name");
    }

    [Fact]
    public void Without_a_cluster_connection_it_says_to_run_mx_connect()
    {
        using var world = new WorkspaceWorld();
        world.Run.Extra["MX_FAKE_NO_CLUSTER"] = "1";

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image), "mx-acme-vision-dev", "mx connect");
        CliScenario.AssertBadInput(world.Mx("workspace", "list"), "mx connect");
        Assert.False(File.Exists(world.MxSshConfig));
    }

    [Fact]
    public void An_ssh_config_mx_cannot_read_is_refused_before_the_workspace_is_created()
    {
        using var world = new WorkspaceWorld();
        File.WriteAllText(world.UserSshConfig, "Host github.com\n  User git\n=======\n");

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--image", Image, "--yes"), "line 3", "Include ~/.ssh/mx/config");

        Assert.DoesNotContain(world.Run.Calls(), c => c.Tool == "kubectl");
        Assert.Equal("Host github.com\n  User git\n=======\n", File.ReadAllText(world.UserSshConfig));
    }

    [Fact]
    public void Deleting_without_a_terminal_needs_yes_and_deletes_nothing()
    {
        using var world = new WorkspaceWorld();
        Assert.Equal(0, world.Mx("workspace", "create", "--image", Image).ExitCode);

        CliScenario.AssertBadInput(world.Mx("workspace", "delete", "ada"), "--yes");
        Assert.DoesNotContain(world.Run.Calls(), c => c.Argv.Contains("delete"));
    }

    [Fact]
    public void With_gpu_monitoring_the_list_shows_each_running_gpu_workspaces_utilisation_from_prometheus()
    {
        using var world = new WorkspaceWorld(before: run => Assert.Equal(0, run.Mx("generate", "GpuMonitoring", "--no-input").ExitCode));
        Assert.Equal(0, world.Mx("workspace", "create", "--image", Image).ExitCode);
        world.Run.Extra["MX_FAKE_GPU_UTIL"] = """{"training/ws-ada": 37.34, "training/other": 90}""";

        var listed = world.Mx("workspace", "list", "--json");
        var table = world.Mx("workspace", "list");

        Assert.True(listed.ExitCode == 0, listed.All);
        Assert.Equal(37.3m, JsonNode.Parse(listed.Output)!.AsArray().Single()!["gpu_utilisation_percent"]!.GetValue<decimal>());
        Assert.Contains("37.3 %", table.Output);
        Assert.Contains(world.Run.Calls(), c => c.Tool == "prometheus" && c.Argv[0] == Mx.Pulumi.Monitoring.GpuMonitoringCluster.PodUtilisationQuery);
        Assert.Contains(world.Run.Calls(), c => Argv(c.Argv).StartsWith("--context mx-acme-vision-dev --namespace monitoring port-forward service/gmp-frontend ", StringComparison.Ordinal));
    }

    [Fact]
    public void In_a_project_without_dev_workspaces_it_says_how_to_add_them()
    {
        using var world = new Training.RunWorld(fakes: "fake_workspace_tool.py");

        CliScenario.AssertBadInput(world.Mx("workspace", "list"), "mx generate DevWorkspace");
        Assert.Empty(world.Calls());
    }
}
