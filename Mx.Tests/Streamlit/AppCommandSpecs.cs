using Mx.Generators;
using Mx.Tests.Cli;
using Mx.Tests.Gateway;
using Mx.Tests.Training;

namespace Mx.Tests.Streamlit;

/// <summary>mx app deploy and mx app logs through the CLI, against fake docker, gcloud, kubectl and xdg-open (Fakes/fake_app_tool.py).</summary>
public class AppCommandSpecs
{
    private const string Image = "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-app-demo";
    private const string Kustomization = "infra/k8s/apps/kustomization.yaml";

    private static RunWorld World(bool withDocker = true, bool clusterUp = true)
    {
        var world = new RunWorld(withDocker, clusterUp, fakes: "fake_app_tool.py");
        world.InstallFake("xdg-open");
        foreach (var args in new[] { GatewayCliSpecs.SampleArgs, StreamlitAppCliSpecs.SampleArgs })
        {
            var result = world.Mx(args);
            Assert.True(result.ExitCode == 0, result.All);
        }
        world.Git("add", "-A");
        world.Git("-c", "user.name=mx tests", "-c", "user.email=tests@mx.invalid", "commit", "--quiet", "-m", "demo app");
        return world;
    }

    [Fact]
    public void Deploy_builds_the_apps_stage_with_docker_pushes_it_under_the_commit_records_the_tag_rolls_it_out_and_prints_the_url()
    {
        using var world = World();
        var commit = world.Git("rev-parse", "--short=12", "HEAD");

        var result = world.Mx("app", "deploy", "demo", "--no-open");

        Assert.True(result.ExitCode == 0, result.All);
        var calls = world.Calls().Where(c => c.Tool != "kubectl" || c.Argv[0] != "config").Select(c => (c.Tool, c.Argv)).ToArray();
        Assert.Equal(
        [
            ("docker", ["build", "--target", "app-demo", "--tag", $"{Image}:{commit}", world.Project]),
            ("docker", ["push", $"{Image}:{commit}"]),
            ("kubectl", ["--context", "mx-acme-vision-dev", "--namespace", "app-demo", "set", "image", "deployment/demo", $"app={Image}:{commit}"]),
            ("kubectl", ["--context", "mx-acme-vision-dev", "--namespace", "app-demo", "rollout", "status", "deployment/demo", "--timeout=10m"]),
        ], calls);
        Assert.Equal("https://demo.acme-vision.acme.ai", result.Output.Trim().Split('\n')[^1]);
        // The next mx up applies the same image: the kustomization maps the app's image to the tag just pushed.
        var kustomization = File.ReadAllText(Path.Combine(world.Project, Kustomization));
        Assert.Contains($"newName: {Image}\n    newTag: {commit}\n", kustomization);
        Assert.Equal([Kustomization], world.Git("diff", "--name-only").Split('\n').Where(p => !p.StartsWith(".mx/", StringComparison.Ordinal)));
        // mx recorded what it wrote, so updating the app later keeps the tag.
        var updated = world.Mx("update", "StreamlitApp", "--no-input");
        Assert.True(updated.ExitCode == 0, updated.All);
        Assert.Equal(kustomization, File.ReadAllText(Path.Combine(world.Project, Kustomization)));
    }

    [Fact]
    public void Without_docker_cloud_build_builds_the_stage_from_a_config_since_tag_builds_cannot_select_one()
    {
        using var world = World(withDocker: false);
        var commit = world.Git("rev-parse", "--short=12", "HEAD");

        var result = world.Mx("app", "deploy", "demo", "--no-open");

        Assert.True(result.ExitCode == 0, result.All);
        var build = world.Calls().Single(c => c.Tool == "gcloud").Argv;
        Assert.Equal(["builds", "submit", "--config"], build[..3]);
        Assert.Equal(["--project", "acme-vision-prod", world.Project], build[4..]);
        Assert.False(File.Exists(build[3]), "the temporary build config is removed");
        var config = File.ReadAllText(Path.Combine(world.Project, "..", "fake-state", "cloudbuild.yaml"));
        Assert.Contains($"args: [\"build\", \"--target\", \"app-demo\", \"--tag\", \"{Image}:{commit}\", \".\"]", config);
        Assert.Contains($"images:\n  - \"{Image}:{commit}\"", config);
        Assert.Contains("Cloud Build", result.Output);
    }

    [Fact]
    public void Uncommitted_changes_get_a_tag_of_their_own()
    {
        using var world = World();
        File.AppendAllText(Path.Combine(world.Project, "src", "acme_vision", "apps", "demo.py"), "\n");

        var result = world.Mx("app", "deploy", "demo", "--no-open");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(Image)}:[0-9a-f]{{12}}-dirty-[0-9]{{14}}$", world.Calls().First(c => c.Tool == "docker").Argv[4]);
    }

    [Fact]
    public void Deploy_opens_the_app_in_the_browser_when_there_is_a_display()
    {
        using var world = World();
        world.Extra["DISPLAY"] = ":0";

        var result = world.Mx("app", "deploy", "demo");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["https://demo.acme-vision.acme.ai"], world.Calls().Single(c => c.Tool == "xdg-open").Argv);
    }

    [Fact]
    public void An_unknown_app_exits_2_naming_the_apps_there_are_and_runs_no_tool()
    {
        using var world = World();

        CliScenario.AssertBadInput(world.Mx("app", "deploy", "shop", "--no-open"), "There is no Streamlit app 'shop'", "apps: demo");
        CliScenario.AssertBadInput(world.Mx("app", "logs", "shop"), "There is no Streamlit app 'shop'");
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void Without_a_cluster_or_a_connection_to_it_deploy_and_logs_exit_2_before_building()
    {
        using var noCluster = World(clusterUp: false);
        using var noContext = World();
        noContext.Extra["MX_FAKE_CONTEXTS"] = "gke_other_project";

        CliScenario.AssertBadInput(noCluster.Mx("app", "deploy", "demo", "--no-open"), "no cluster yet", "mx up");
        CliScenario.AssertBadInput(noContext.Mx("app", "deploy", "demo", "--no-open"), "no connection to the project's cluster", "mx connect");
        CliScenario.AssertBadInput(noContext.Mx("app", "logs", "demo"), "mx connect");
        Assert.DoesNotContain(noContext.Calls(), c => c.Tool == "docker");
        Assert.Empty(noCluster.Calls());
    }

    [Fact]
    public void A_rollout_that_does_not_finish_fails_with_kubectls_reason_and_how_to_find_out_more()
    {
        using var world = World();
        world.Extra["MX_FAKE_ROLLOUT_FAILS"] = "1";

        var result = world.Mx("app", "deploy", "demo", "--no-open");

        Assert.Equal((int)ExitCode.Failed, result.ExitCode);
        Assert.Contains("exceeded its progress deadline", result.All);
        Assert.Contains("mx app logs demo", result.All);
    }

    [Fact]
    public void A_dockerfile_that_lost_the_apps_stage_exits_2_before_building()
    {
        using var world = World();
        var dockerfile = Path.Combine(world.Project, "Dockerfile");
        File.WriteAllText(dockerfile, File.ReadAllText(dockerfile).Replace("AS app-demo", "AS demo", StringComparison.Ordinal));

        CliScenario.AssertBadInput(world.Mx("app", "deploy", "demo", "--no-open"), "no stage app-demo", "mx update StreamlitApp");
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void A_project_without_apps_is_told_how_to_add_one()
    {
        using var world = new RunWorld(fakes: "fake_app_tool.py");

        CliScenario.AssertBadInput(world.Mx("app", "deploy", "demo"), "no Streamlit app", "mx generate StreamlitApp --name demo");
    }

    [Fact]
    public void Deploy_list_and_open_know_the_app_from_its_manifests()
    {
        using var world = World();

        var list = world.Mx("deploy", "--list", "--json");
        var open = world.Mx("open", "demo", "--print");

        Assert.True(list.ExitCode == 0, list.All);
        using var document = System.Text.Json.JsonDocument.Parse(list.Output);
        var apps = document.RootElement.EnumerateArray().Single(d => d.GetProperty("name").GetString() == "apps").GetProperty("apps");
        Assert.Equal(["demo https://demo.acme-vision.acme.ai"], apps.EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()} {a.GetProperty("url").GetString()}"));
        Assert.Equal("https://demo.acme-vision.acme.ai", open.Output.Trim());
    }

    [Fact]
    public void Logs_prints_the_apps_last_lines_or_follows_them()
    {
        using var world = World();
        world.Extra["MX_FAKE_APP_LOGS"] = "\n  You can now view your Streamlit app in your browser.\n\n  URL: http://0.0.0.0:8501\n\n";

        var last = world.Mx("app", "logs", "demo");
        var followed = world.Mx("app", "logs", "demo", "--follow");

        Assert.True(last.ExitCode == 0, last.All);
        Assert.True(followed.ExitCode == 0, followed.All);
        Assert.Contains("You can now view your Streamlit app in your browser.", last.Output);
        Assert.Contains("URL: http://0.0.0.0:8501", last.Output);
        var logs = world.Calls().Where(c => c.Tool == "kubectl" && c.Argv.Contains("logs")).Select(c => c.Argv).ToArray();
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "app-demo", "logs", "deployment/demo", "--container", "app", "--tail=100"], logs[0]);
        Assert.Equal([.. logs[0], "--follow"], logs[1]);
    }
}
