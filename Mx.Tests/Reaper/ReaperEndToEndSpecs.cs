using System.Text.Json.Nodes;
using Mx.Tests.Infra;
using Mx.Tests.Support;

namespace Mx.Tests.Reaper;

/// <summary>
/// The generated reaper over three simulated days (Monday to Wednesday, Europe/Berlin work hours 9-18) with five GPU
/// jobs: idle all along, busy, idle but woken on Tuesday morning, kept until Tuesday noon, and one whose exporter
/// never reported; and a dev workspace, idle all along, that carries its own limit of three idle hours. Every answer
/// the fakes give is in the services' real wire formats.
/// </summary>
public class ReaperEndToEndSpecs
{
    private static IEnumerable<(string Time, string Action, string Name)> Actions(JsonNode world) =>
        world["log"]!.AsArray().Select(e => (e!["time"]!.GetValue<string>()[..16], e["action"]!.GetValue<string>(), e["name"]!.GetValue<string>()));

    [Fact]
    public void After_the_first_week_it_warns_after_six_idle_work_hours_and_reclaims_six_later_sparing_the_busy_the_kept_and_the_unmeasured()
    {
        var world = ReaperWorld.Run(env => env["REAPER_DRY_RUN_UNTIL"] = "");

        Assert.Equal(
        [
            ("2026-11-30T11:00", "warn", "ws-ada"),  // the workspace's own three idle work hours, 08-11 UTC
            ("2026-11-30T14:00", "warn", "train-idle"),  // Monday 09-15 Berlin (08-14 UTC): six idle work hours
            ("2026-11-30T14:00", "warn", "dist-wakes"),
            ("2026-11-30T17:00", "reclaim", "ws-ada"),  // six more: 11-17 UTC, the end of Monday's work hours
            ("2026-12-01T09:00", "clear-warning", "dist-wakes"),  // it used its GPUs on Tuesday 09:00-10:00 Berlin
            ("2026-12-01T11:00", "reclaim", "train-idle"),  // Monday 14, 15, 16 and Tuesday 08, 09, 10 UTC since the warning
            ("2026-12-01T12:00", "warn", "ddp-kept"),  // its keep-until passed at Tuesday 12:00 UTC
            ("2026-12-01T15:00", "warn", "dist-wakes"),
            ("2026-12-02T09:00", "reclaim", "ddp-kept"),
            ("2026-12-02T12:00", "reclaim", "dist-wakes"),
        ], Actions(world));
        Assert.Equal(["train-blind", "train-busy"], world["workloads"]!.AsArray().Select(w => w!.GetValue<string>()));
        var runs = world["runs"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!.GetValue<string>());
        Assert.Equal(new Dictionary<string, string>
        {
            ["train-idle"] = "KILLED", ["dist-wakes"] = "KILLED", ["ddp-kept"] = "KILLED", ["train-busy"] = "RUNNING", ["train-blind"] = "RUNNING",
        }, runs);
        Assert.Equal(9, world["slack"]!.AsArray().Count);
        Assert.Contains("ada@acme.ai", world["slack"]![0]!["text"]!.GetValue<string>());
        // A workspace is stopped, not deleted: its pod goes, its home volume stays, and it is told how to come back.
        Assert.Contains("/api/v1/namespaces/training/pods/ws-ada", world["deleted"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.DoesNotContain(world["deleted"]!.AsArray(), d => d!.GetValue<string>().Contains("persistentvolumeclaims"));
        var slack = world["slack"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ToArray();
        Assert.Contains(slack, m => m.StartsWith("Workspace ada (training) of ada@acme.ai has left its GPUs idle for 3 work hours. It is stopped after 6 more") &&
                                    m.Contains("'mx workspace keep ada --until ... --reason ...'"));
        Assert.Contains(slack, m => m.StartsWith("Workspace ada (training) of ada@acme.ai was stopped") && m.Contains("'mx workspace start ada'"));
        Assert.DoesNotContain("ws-ada", world["runs"]!.ToJsonString());
        var events = world["events"]!.AsArray().Select(e => $"{e!["reason"]} {e["kind"]} {e["apiVersion"]} {e["object"]}").ToArray();
        Assert.Contains("IdleGpuReclaimed TrainJob trainer.kubeflow.org/v1alpha1 dist-wakes", events);
        Assert.Contains("IdleGpuWarning PyTorchJob kubeflow.org/v1 ddp-kept", events);
        Assert.Contains("IdleGpuReclaimed Pod v1 ws-ada", events);
        Assert.Equal(9, events.Length);
        // A cleared warning leaves no annotation behind.
        Assert.DoesNotContain("mx.dev/idle-warned-at", world["annotations"]!["train-busy"]!.ToJsonString());
    }

    [Fact]
    public void Without_the_slack_secret_it_acts_and_logs_the_same_and_says_no_webhook_is_set()
    {
        var withSlack = ReaperWorld.Run(env => env["REAPER_DRY_RUN_UNTIL"] = "");
        var without = ReaperWorld.Run(env => env["REAPER_DRY_RUN_UNTIL"] = "", slackSecret: false);

        Assert.Equal(Actions(withSlack), Actions(without));
        Assert.Empty(without["slack"]!.AsArray());
        Assert.Equal(withSlack["events"]!.AsArray().Count, without["events"]!.AsArray().Count);
        var outcomes = without["log"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() is "warn" or "reclaim")
            .Select(e => e!["outcome"]!.GetValue<string>()).ToArray();
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.Contains("no Slack webhook set (mx secret set slack-webhook)", o));
    }

    [Fact]
    public void In_its_first_week_it_only_reports_what_it_would_do()
    {
        // The sample's CronJob is in its dry-run week (until 2026-12-11) throughout the simulated days.
        var world = ReaperWorld.Run();

        var log = world["log"]!.AsArray();
        Assert.NotEmpty(log);
        Assert.All(log, e => Assert.True(e!["dry_run"]!.GetValue<bool>()));
        Assert.All(log, e => Assert.Equal("dry run: nothing changed", e!["outcome"]!.GetValue<string>()));
        Assert.Contains(Actions(world), a => a == ("2026-11-30T14:00", "warn", "train-idle"));
        Assert.Equal(6, world["workloads"]!.AsArray().Count);
        Assert.All(world["runs"]!.AsObject(), r => Assert.Equal("RUNNING", r.Value!.GetValue<string>()));
        Assert.Empty(world["slack"]!.AsArray());
        Assert.Empty(world["events"]!.AsArray());
        Assert.All(world["annotations"]!.AsObject(), a => Assert.DoesNotContain("idle-warned-at", a.Value!.ToJsonString()));
    }

    [Fact]
    public void The_policy_tests_the_reaper_ships_with_pass()
    {
        using var dir = new TempDirectory();
        var sample = Path.Combine(Repository.Samples, "acme-vision-reaper");
        foreach (var part in new[] { Path.Combine("infra", "k8s", "idle-reaper"), Path.Combine("tests", "reaper") })
            DotnetCli.CopySources(Path.Combine(sample, part), dir.Combine(part));

        var result = TorchPython.Run(dir.Path, new Dictionary<string, string?> { ["PYTHONDONTWRITEBYTECODE"] = "1" },
            "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reaper");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"\b3\d passed\b", result.Output);
    }

    [Fact]
    public void Mx_reaper_log_shows_what_the_reaper_recorded_through_kubectl()
    {
        var world = ReaperWorld.Run(env => env["REAPER_DRY_RUN_UNTIL"] = "");
        using var infra = new FakeInfra();
        Assert.Equal(0, infra.Mx(Monitoring.GpuMonitoringCliSpecs.SampleArgs).ExitCode);
        Assert.Equal(0, infra.Mx([.. IdleReaperCliSpecs.SampleArgs, "--no-input"]).ExitCode);

        var empty = infra.Mx("reaper", "log");
        Assert.Equal(0, infra.Mx("connect").ExitCode);
        var notYet = infra.Mx("reaper", "log");
        var objects = Directory.CreateDirectory(Path.Combine(infra.Environment["MX_FAKE_STATE"]!, "objects", "training")).FullName;
        File.WriteAllText(Path.Combine(objects, "configmap-idle-reaper-log.json"), world["config_map"]!.ToJsonString());
        var table = infra.Mx("reaper", "log", "--last", "3");
        var json = infra.Mx("reaper", "log", "--json");

        Assert.NotEqual(0, empty.ExitCode);
        Assert.Contains("does not exist", empty.All);
        Assert.True(notYet.ExitCode == 0, notYet.All);
        Assert.Contains("has not warned or reclaimed anything yet", notYet.Output);
        Assert.True(table.ExitCode == 0, table.All);
        Assert.Contains("reclaim", table.Output);
        Assert.Contains("dist-wakes", table.Output);
        Assert.DoesNotContain("train-idle", table.Output);  // only the newest three
        var entries = JsonNode.Parse(json.Output)!["entries"]!.AsArray();
        Assert.Equal(world["log"]!.AsArray().Count, entries.Count);
        Assert.Equal("ada@acme.ai", entries[0]!["owner"]!.GetValue<string>());
    }

    [Fact]
    public void Mx_reaper_log_in_a_project_without_the_reaper_says_how_to_add_it()
    {
        using var infra = new FakeInfra();

        var result = infra.Mx("reaper", "log");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("mx generate IdleReaper", result.All);
    }
}
