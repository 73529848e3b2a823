using k8s;
using k8s.Models;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Mx.Pulumi.Monitoring;
using Mx.Tests.Training;

namespace Mx.Tests.Monitoring;

/// <summary>
/// mx dash, mx usage and mx secret set through the CLI, against a fake kubectl (Fakes/fake_monitoring_tool.py) whose
/// port-forwards serve Grafana and a Prometheus query API in the real JSON format.
/// </summary>
public class MonitoringCommandSpecs
{
    private const string Webhook = "https://hooks.slack.com/services/T0001/B0002/abcdefSECRETxyz";

    private static RunWorld World(bool withMonitoring = true)
    {
        var world = new RunWorld(withDocker: false, fakes: "fake_monitoring_tool.py");
        if (withMonitoring)
        {
            var generated = world.Mx("generate", "GpuMonitoring", "--no-input");
            Assert.True(generated.ExitCode == 0, generated.All);
        }
        return world;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static readonly string Series = new JsonArray(
        Series1("vision", "ada", "train-1", 10, 4), Series1("vision", "alan", "train-2", 5, 5), Series1("nlp", "ada", "bert", 2, 0)).ToJsonString();

    private static JsonObject Series1(string team, string user, string job, double allocated, double used) => new()
    {
        ["labels"] = new JsonObject { ["namespace"] = team, ["mx_dev_user"] = user, ["batch_kubernetes_io_job_name"] = job },
        ["allocated"] = allocated,
        ["used"] = used,
    };

    [Fact]
    public async Task Dash_forwards_grafana_prints_its_url_and_stops_on_ctrl_c_with_130()
    {
        using var world = World();
        var port = FreePort();
        var lines = new ConcurrentQueue<string>();
        using var process = world.Start("dash", "--port", port.ToString());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!lines.Any(l => l.Contains($"Grafana is at http://localhost:{port}")) && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(100);

        using (var http = new HttpClient())
            Assert.Contains("\"database\": \"ok\"", await http.GetStringAsync($"http://localhost:{port}/api/health"));
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not exit after the interrupt");
        process.WaitForExit();

        Assert.True(process.ExitCode == 130, string.Join('\n', lines));
        Assert.Contains("Stopped forwarding Grafana.", lines);
        var forward = world.Calls().First(c => c.Argv.Contains("port-forward")).Argv;
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "monitoring", "port-forward", "service/grafana", $"{port}:3000"], forward);
        Assert.Contains("\"interrupted\": true", File.ReadAllText(world.LogPath));
    }

    [Fact]
    public void Dash_says_what_kubectl_said_when_grafana_cannot_be_reached()
    {
        using var world = World();
        world.Extra["MX_FAKE_FORWARD_FAILS"] = "1";

        var result = world.Mx("dash", "--port", FreePort().ToString());

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("services \"grafana\" not found", result.Output);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public void Dash_usage_and_secret_in_a_project_without_gpu_monitoring_say_how_to_add_it_and_call_nothing()
    {
        using var world = World(withMonitoring: false);

        foreach (var args in new[] { new[] { "dash" }, ["usage"], ["secret", "set", "slack-webhook"] })
        {
            var result = world.MxWithInput(Webhook, args);
            Assert.True(result.ExitCode == 2, result.All);
            Assert.Contains("mx generate GpuMonitoring", result.Output);
        }
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void Usage_by_user_adds_up_allocated_used_and_idle_gpu_hours_with_their_cost_from_prometheus()
    {
        using var world = World();
        world.Extra["MX_FAKE_GPU_SERIES"] = Series;

        var result = world.Mx("usage", "--by", "user", "--since", "7d");

        Assert.True(result.ExitCode == 0, result.All);
        var lines = result.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Contains("GPU usage over the last 7d:", lines);
        Assert.Contains(lines, l => l.StartsWith("USER", StringComparison.Ordinal) && l.Contains("IDLE COST (USD)"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ada\s+12\.00\s+4\.00\s+8\.00\s+8\.00$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^alan\s+5\.00\s+5\.00\s+0\.00\s+0\.00$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^total\s+17\.00\s+9\.00\s+8\.00\s+8\.00$"));
        var (allocated, used) = GpuMonitoringCluster.UsageQueries("user", "7d");
        Assert.Equal([allocated, used], world.Calls().Where(c => c.Tool == "prometheus").Select(c => c.Argv[0]));
        var forward = world.Calls().First(c => c.Argv.Contains("port-forward")).Argv;
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "monitoring", "port-forward", "service/gmp-frontend"], forward[..6]);
        Assert.EndsWith(":9090", forward[6]);
    }

    [Fact]
    public void Usage_as_json_by_job_prices_idle_hours_at_the_projects_gpu_hour_cost()
    {
        using var world = World();
        var regenerated = world.Mx("generate", "GpuMonitoring", "--gpu-hour-cost", "0.5", "--no-input");
        Assert.True(regenerated.ExitCode == 0, regenerated.All);
        world.Extra["MX_FAKE_GPU_SERIES"] = Series;

        var result = world.Mx("usage", "--by", "job", "--since", "24h", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal("job", json["by"]!.GetValue<string>());
        var rows = json["rows"]!.AsArray().ToDictionary(r => r!["name"]!.GetValue<string>());
        Assert.Equal(["vision/train-1", "vision/train-2", "nlp/bert"], rows.Keys);
        Assert.Equal(6m, rows["vision/train-1"]!["idle_hours"]!.GetValue<decimal>());
        Assert.Equal(3m, rows["vision/train-1"]!["idle_cost"]!.GetValue<decimal>());
        Assert.Equal(1m, rows["nlp/bert"]!["idle_cost"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData("--by", "team,user", "--by takes team, user or job")]
    [InlineData("--since", "7 days", "is not a window mx reads")]
    [InlineData("--since", "91d", "from 1h to 90d")]
    public void Usage_refuses_a_grouping_or_window_it_cannot_read_before_calling_anything(string option, string value, string message)
    {
        using var world = World();

        var result = world.Mx("usage", option, value);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(message, result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool != "git");
    }

    [Fact]
    public void The_usage_queries_parse_with_promtool_and_read_only_the_gpu_utilisation()
    {
        var queries = new[] { "team", "user", "job" }.SelectMany(by =>
        {
            var (allocated, used) = GpuMonitoringCluster.UsageQueries(by, "7d");
            return new[] { allocated, used };
        }).ToArray();

        var check = PromQl.CheckRules(PromQl.RecordingRules(queries));

        Assert.True(check.ExitCode == 0, check.Output);
        Assert.All(queries, q => Assert.Equal(["DCGM_FI_DEV_GPU_UTIL"], PromQl.Metrics(q)));
    }

    [Fact]
    public void Secret_set_slack_webhook_writes_the_alertmanager_secret_through_kubectls_stdin_and_never_shows_the_url()
    {
        using var world = World();

        var result = world.MxWithInput(Webhook + "\n", "secret", "set", "slack-webhook");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("SECRET", result.All);
        var apply = Assert.Single(world.Calls(), c => c.Tool == "kubectl");
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "gmp-public", "apply", "--filename", "-"], apply.Argv);
        Assert.DoesNotContain(apply.Argv, a => a.Contains("hooks.slack.com"));
        var secret = JsonNode.Parse(apply.Stdin!)!;
        Assert.Equal("Secret", secret["kind"]!.GetValue<string>());
        Assert.Equal("alertmanager", secret["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("gmp-public", secret["metadata"]!["namespace"]!.GetValue<string>());
        var config = YamlJson.LoadAll(secret["stringData"]!["alertmanager.yaml"]!.GetValue<string>()).Single()!;
        Assert.Equal("slack", config["route"]!["receiver"]!.GetValue<string>());
        Assert.Equal(Webhook, config["receivers"]![0]!["slack_configs"]![0]!["api_url"]!.GetValue<string>());
        Assert.DoesNotContain("hooks.slack.com", string.Join("\n", Directory.EnumerateFiles(world.Project, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/.git/")).Select(File.ReadAllText)));
    }

    [Fact]
    public void With_the_idle_reaper_the_webhook_also_reaches_its_secret_in_the_training_namespace()
    {
        using var world = World();
        var reaper = world.Mx("generate", "IdleReaper", "--no-input");
        Assert.True(reaper.ExitCode == 0, reaper.All);

        var result = world.MxWithInput(Webhook + "\n", "secret", "set", "slack-webhook");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("SECRET", result.All);
        var applies = world.Calls().Where(c => c.Tool == "kubectl").ToArray();
        Assert.Equal(2, applies.Length);
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "training", "apply", "--filename", "-"], applies[1].Argv);
        var secret = KubernetesYaml.Deserialize<V1Secret>(applies[1].Stdin!, strict: true);
        Assert.Equal(("slack-webhook", "training"), (secret.Metadata.Name, secret.Metadata.NamespaceProperty));
        Assert.Equal(Webhook, secret.StringData["url"]);
        // The key and name the CronJob reads.
        var cronJob = File.ReadAllText(Path.Combine(world.Project, "infra", "k8s", "idle-reaper", "cronjob.yaml"));
        Assert.Contains("name: slack-webhook\n                      key: url", cronJob);
    }

    [Theory]
    [InlineData("https://example.com/hook", "slack-webhook", "not a Slack incoming-webhook URL")]
    [InlineData("", "slack-webhook", "not a Slack incoming-webhook URL")]
    [InlineData(Webhook, "github-token", "mx knows one secret, slack-webhook")]
    public void Secret_set_refuses_what_is_not_a_slack_webhook_and_writes_nothing(string input, string name, string message)
    {
        using var world = World();

        var result = world.MxWithInput(input, "secret", "set", name);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(message, result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "kubectl");
    }
    private static System.Text.Json.JsonElement SlackCheck(Mx.Tests.Support.MxProcess.Result doctor)
    {
        var json = doctor.Output[..(doctor.Output.LastIndexOf(']') + 1)];
        return System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "slack webhook");
    }

    [Fact]
    public void Doctor_reports_that_no_webhook_reaches_slack_until_mx_secret_set_stores_one()
    {
        using var world = World();
        var reaper = world.Mx("generate", "IdleReaper", "--no-input");
        Assert.True(reaper.ExitCode == 0, reaper.All);

        var missing = SlackCheck(world.Mx("doctor", "--json"));
        world.Extra["MX_FAKE_SECRETS"] = "gmp-public/alertmanager,training/slack-webhook";
        var present = SlackCheck(world.Mx("doctor", "--json"));

        Assert.False(missing.GetProperty("ok").GetBoolean());
        Assert.False(missing.GetProperty("needed_by_up").GetBoolean());
        Assert.Equal("Nothing reaches Slack: GPU alerts (Secret alertmanager in gmp-public) and the idle reaper's warnings " +
                     "(Secret slack-webhook in training) have no webhook. Store it in the cluster: mx secret set slack-webhook < webhook.txt",
                     missing.GetProperty("fix").GetString());
        Assert.True(present.GetProperty("ok").GetBoolean(), present.ToString());
        Assert.Contains(world.Calls(), c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "get", "secret", "slack-webhook", "--ignore-not-found", "--output", "name"]));
    }

    [Fact]
    public void Doctor_names_the_one_secret_missing_and_says_when_the_cluster_cannot_be_asked()
    {
        using var world = World();
        world.Extra["MX_FAKE_SECRETS"] = "training/slack-webhook";
        var alertsOnly = SlackCheck(world.Mx("doctor", "--json"));
        world.Extra["MX_FAKE_CLUSTER_DOWN"] = "1";
        var down = SlackCheck(world.Mx("doctor", "--json"));

        Assert.StartsWith("Nothing reaches Slack: GPU alerts (Secret alertmanager in gmp-public) has no webhook.", alertsOnly.GetProperty("fix").GetString());
        Assert.Equal("The cluster did not answer (Unable to connect to the server: dial tcp 10.0.0.2:443: i/o timeout); " +
                     "run 'mx connect' (after 'mx up'), then 'mx doctor' again.", down.GetProperty("fix").GetString());
    }

    [Fact]
    public void Doctor_checks_no_secret_in_a_project_without_monitoring()
    {
        using var world = World(withMonitoring: false);

        var doctor = world.Mx("doctor", "--json");

        Assert.DoesNotContain("slack webhook", doctor.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Argv.Contains("secret"));
    }
}
