using Mx.Pulumi;
using Mx.Tests.Cli;

namespace Mx.Tests.Infra;

public class UpSpecs
{
    [Fact]
    public void Up_runs_the_cluster_program_before_the_platform_program_with_non_interactive_arguments()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        var pulumi = infra.Calls("pulumi");
        var ups = pulumi.Where(c => c.Command == "up").ToArray();
        Assert.Equal([infra.ProgramDirectory("cluster"), infra.ProgramDirectory("platform")], ups.Select(c => c.Cwd));
        Assert.All(ups, up => Assert.Equal(PulumiArguments.Up("dev", refresh: false), up.Argv));
        Assert.All(pulumi, call =>
        {
            Assert.Equal(infra.LocalBackend, call.Env["PULUMI_BACKEND_URL"]);
            Assert.Equal("true", call.Env["PULUMI_SKIP_UPDATE_CHECK"]);
            Assert.True(call.PassphraseSet);
        });
        // Stacks are selected before anything changes, and the cluster's outputs are read before the platform runs.
        var order = pulumi.Select(c => $"{c.Command} {Path.GetFileName(c.Cwd)}").ToArray();
        Assert.True(Array.IndexOf(order, "stack select platform") < Array.IndexOf(order, "up cluster"), string.Join("\n", order));
        Assert.True(Array.IndexOf(order, "stack output cluster") < Array.IndexOf(order, "up platform"), string.Join("\n", order));
    }

    [Fact]
    public void Up_shows_one_line_per_resource_with_its_elapsed_time_and_a_summary_table()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("+  create   cluster (gcp:container/cluster:Cluster)  5m12s", result.Output);
        Assert.Contains("+  create   gpuPool (gcp:container/nodePool:NodePool)  1m28s", result.Output);
        Assert.Contains("+  create   training-infra (kubernetes:kustomize/v2:Directory)", result.Output);
        Assert.Contains("Updating the cluster stack 'dev' (acme-vision-cluster)", result.Output);
        var created = FakeInfra.FixtureSummary("fresh", "cluster.up.jsonl")["create"];
        Assert.Matches($@"cluster \(up\)\s*│\s*{created}\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*9m00s", result.Output);
        Assert.DoesNotContain("pulumi:pulumi:Stack", result.Output);
        Assert.Contains("cluster.clusterName", result.Output);
    }

    [Fact]
    public void Up_stores_the_backend_the_stack_and_the_outputs_that_are_not_secret()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend, "--stack", "dev").ExitCode);

        var state = infra.State;
        Assert.Contains($"backend: {infra.LocalBackend}", state);
        Assert.Contains("stack: dev", state);
        Assert.Contains("cluster.clusterName: acme-vision", state);
        Assert.Contains("cluster.location: europe-west4-a", state);
        Assert.DoesNotContain("kubeconfig", state);
        Assert.DoesNotContain("[secret]", state);

        // The next run uses the remembered backend without being told.
        File.Delete(infra.LogPath);
        Assert.Equal(0, infra.Mx("up", "--yes").ExitCode);
        Assert.All(infra.Calls("pulumi"), c => Assert.Equal(infra.LocalBackend, c.Env["PULUMI_BACKEND_URL"]));
    }

    [Fact]
    public void Up_with_nothing_to_change_lists_no_resources()
    {
        using var infra = new FakeInfra("noop");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain(" create ", result.Output);
        Assert.DoesNotContain(" update ", result.Output);
        var unchanged = FakeInfra.FixtureSummary("noop", "cluster.up.jsonl")["same"];
        Assert.Matches($@"cluster \(up\)\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*0\s*│\s*{unchanged}\s", result.Output);
    }

    [Fact]
    public void Up_of_a_replaced_gpu_pool_reports_the_replacement_once()
    {
        using var infra = new FakeInfra("gpu-replace");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend, "--only", "cluster");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Single(result.Output.Split('\n'), l => l.Contains("gpuPool"));
        Assert.Contains("+- replace  gpuPool (gcp:container/nodePool:NodePool)  4m00s", result.Output);
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command == "up" && c.Cwd.EndsWith("platform"));
    }

    [Fact]
    public void A_failed_update_exits_1_with_pulumi_s_diagnostic_and_leaves_the_platform_alone()
    {
        using var infra = new FakeInfra("failure");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("error (gpuPool): error: 1 error occurred:", result.Output);
        Assert.Contains("x create   gpuPool (gcp:container/nodePool:NodePool)  failed after 7s", result.Output);
        Assert.Contains("Running pulumi up on the cluster stack 'dev' failed", result.Output);
        Assert.Contains("Insufficient regional quota", result.Output);
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command == "up" && c.Cwd.EndsWith("platform"));
    }

    [Fact]
    public void A_stale_lock_is_explained_with_the_command_that_clears_it()
    {
        using var infra = new FakeInfra("locked");
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("the stack 'dev' is locked", result.Output);
        Assert.Contains($"cd {infra.ProgramDirectory("cluster")} && PULUMI_BACKEND_URL={infra.LocalBackend} pulumi cancel --stack dev --yes", result.Output);
        Assert.Contains("created by ada@laptop (pid 41234)", result.Output);
    }

    [Fact]
    public async Task Ctrl_c_is_forwarded_to_pulumi_which_stops_cleanly_and_mx_exits_130()
    {
        using var infra = new FakeInfra("cancel");
        using var process = infra.Start(infra.Environment, "up", "--yes", "--backend", infra.LocalBackend);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!infra.Calls("pulumi").Any(c => c.Command == "up") && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Thread.Sleep(500);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not exit after the interrupt");
        var printed = await output + await error;

        Assert.True(process.ExitCode == 130, printed);
        Assert.Contains(infra.Calls("pulumi"), c => c.Interrupted == true);
        Assert.Contains("Interrupted", printed);
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command == "up" && c.Cwd.EndsWith("platform"));
    }

    [Fact]
    public void Without_pulumi_on_path_up_exits_2_with_install_instructions()
    {
        using var infra = new FakeInfra("fresh", tools: ["gcloud", "kubectl", "gke-gcloud-auth-plugin"]);
        var result = infra.Mx("up", "--yes", "--backend", infra.LocalBackend);

        CliScenario.AssertBadInput(result, "pulumi is not installed", "curl -fsSL https://get.pulumi.com | sh");
    }

    [Fact]
    public void Without_a_passphrase_up_exits_2_before_running_pulumi()
    {
        using var infra = new FakeInfra("fresh");
        var environment = infra.Environment;
        environment["PULUMI_CONFIG_PASSPHRASE"] = null;
        var result = infra.Mx(environment, "up", "--yes", "--backend", infra.LocalBackend);

        CliScenario.AssertBadInput(result, "PULUMI_CONFIG_PASSPHRASE");
        Assert.Empty(infra.Calls("pulumi"));
    }

    [Fact]
    public void Without_a_terminal_up_needs_yes_and_changes_nothing()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("up", "--no-input", "--backend", infra.LocalBackend);

        CliScenario.AssertBadInput(result, "--yes", "acme-vision-prod", "'dev'");
        Assert.Empty(infra.Calls());
    }

    [Fact]
    public void The_first_up_creates_the_state_bucket_with_gcloud_and_later_ones_find_it()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes").ExitCode);

        var gcloud = infra.Calls("gcloud").Select(c => c.Argv).ToArray();
        Assert.Equal(
        [
            GcloudArguments.EnableServices("acme-vision-prod", GcloudArguments.BootstrapServices),
            GcloudArguments.DescribeBucket("acme-vision-prod-acme-vision-state", "acme-vision-prod"),
            GcloudArguments.CreateBucket("acme-vision-prod-acme-vision-state", "acme-vision-prod", "europe-west4"),
            GcloudArguments.VersionAndLabelBucket("acme-vision-prod-acme-vision-state", "acme-vision-prod",
                new SortedDictionary<string, string> { ["managed-by"] = "mx", ["project"] = "acme-vision" }),
        ], gcloud);
        Assert.All(infra.Calls("pulumi"), c => Assert.Equal("gs://acme-vision-prod-acme-vision-state", c.Env["PULUMI_BACKEND_URL"]));

        File.Delete(infra.LogPath);
        Assert.Equal(0, infra.Mx("up", "--yes").ExitCode);
        Assert.Equal(GcloudArguments.DescribeBucket("acme-vision-prod-acme-vision-state", "acme-vision-prod"), infra.Calls("gcloud").Last().Argv);
    }

    [Fact]
    public void Every_up_enables_the_service_usage_and_resource_manager_apis_before_pulumi_runs()
    {
        using var infra = new FakeInfra("fresh");

        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);

        var calls = infra.Calls();
        var enable = calls.Select((c, i) => (c, i)).Single(x => x.c.Tool == "gcloud" && x.c.Argv.Take(2).SequenceEqual(["services", "enable"]));
        Assert.Equal(
            ["services", "enable", "cloudresourcemanager.googleapis.com", "serviceusage.googleapis.com", "--project", "acme-vision-prod", "--quiet"],
            enable.c.Argv);
        Assert.True(enable.i < calls.ToList().FindIndex(c => c.Tool == "pulumi" && c.Command != "version"), "services are enabled after pulumi started");
        Assert.Equal("1", enable.c.Env["CLOUDSDK_CORE_DISABLE_PROMPTS"]);
    }

    [Fact]
    public void A_new_stack_gets_its_config_from_the_answers_and_the_generated_dev_stack_needs_none()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command == "config set-all");

        File.Delete(infra.LogPath);
        Assert.Equal(0, infra.Mx("up", "--yes", "--stack", "prod", "--only", "cluster").ExitCode);
        var config = Assert.Single(infra.Calls("pulumi"), c => c.Command == "config set-all");
        Assert.Equal(PulumiArguments.SetConfig("prod", new SortedDictionary<string, string>
        {
            ["acme-vision-cluster:gpuMaxNodes"] = "2",
            ["gcp:project"] = "acme-vision-prod",
            ["gcp:region"] = "europe-west4",
            ["gcp:zone"] = "europe-west4-a",
        }), config.Argv);
        Assert.Contains("stack: prod", infra.State);
    }
}
