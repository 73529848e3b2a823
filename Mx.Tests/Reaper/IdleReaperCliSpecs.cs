using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Reaper;

public class IdleReaperCliSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-reaper is its output.</summary>
    public static readonly string[] SampleArgs =
    [
        "generate", "IdleReaper", "--reaper-time-zone", "Europe/Berlin", "--reaper-holidays", "2026-12-24,2026-12-25,2026-12-31",
        "--reaper-dry-run-until", "2026-12-11",
    ];

    [Fact]
    public void The_reaper_sample_is_the_skeleton_plus_the_idle_reaper()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, Monitoring.GpuMonitoringCliSpecs.SampleArgs).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-reaper"), scenario.Project);
    }

    [Fact]
    public void Regenerating_afterwards_changes_nothing_and_destroying_takes_the_reaper_out_of_both_programs()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        scenario.MxIn(scenario.Project, Monitoring.GpuMonitoringCliSpecs.SampleArgs);
        var monitored = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var reaper = scenario.MxIn(scenario.Project, "generate", "IdleReaper", "--no-input");

        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.Contains("Nothing to change", reaper.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
        Assert.Contains("idleReaperServiceAccount:", before["infra/pulumi/cluster/Main.yaml"]);

        var destroyed = scenario.MxIn(scenario.Project, "destroy", "IdleReaper", "--no-input");

        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        foreach (var program in new[] { "infra/pulumi/cluster/Main.yaml", "infra/pulumi/platform/Main.yaml" })
            Assert.Equal(monitored[program], after[program]);
        Assert.DoesNotContain(after.Keys, path => path.StartsWith("infra/k8s/idle-reaper/", StringComparison.Ordinal) || path.StartsWith("tests/reaper/", StringComparison.Ordinal));
    }

    [Fact]
    public void It_needs_the_gpu_metrics_of_gpu_monitoring()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, [.. SampleArgs, "--no-input"]);

        CliScenario.AssertBadInput(result, "GpuMonitoring");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void A_team_added_afterwards_is_watched_by_the_reaper_in_its_own_namespace()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        scenario.MxIn(scenario.Project, Monitoring.GpuMonitoringCliSpecs.SampleArgs);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, [.. Queues.GpuQueuesCliSpecs.SampleArgs, "--no-input"]).ExitCode);

        var added = scenario.MxIn(scenario.Project, "team", "add", "vision", "--members", "ada@acme.ai");

        Assert.True(added.ExitCode == 0, added.All);
        var files = scenario.Tree(scenario.Project);
        var env = ReaperWorld.CronJobEnvironment(files["infra/k8s/idle-reaper/cronjob.yaml"]);
        Assert.Equal("training,team-vision", env["REAPER_NAMESPACES"]);
        Assert.Contains("  name: idle-reaper\n  namespace: team-vision\n", files["infra/k8s/idle-reaper/rbac.yaml"]);
        var regenerated = scenario.MxIn(scenario.Project, "generate", "IdleReaper", "--no-input");
        Assert.Contains("Nothing to change", regenerated.Output);
    }

    [Fact]
    public void Describe_shows_every_answer_with_its_default_and_validation()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "IdleReaper");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var expected in new[] { "reaper_time_zone", "--reaper-time-zone", "reaper_workdays", "mon-fri", "reaper_work_hours", "9-18",
                     "reaper_holidays", "reaper_threshold_percent", "reaper_warn_after_hours", "reaper_reclaim_after_hours",
                     "reaper_max_keep_days", "reaper_dry_run_until", "a week after the first generation", "reaper_prometheus_url",
                     "Managed Service for Prometheus", "MLProjectSkeleton" })
            Assert.Contains(expected, result.Output);
    }

    [Theory]
    [InlineData("--reaper-time-zone", "Europe/Atlantis", "is not an IANA time zone")]
    [InlineData("--reaper-time-zone", "CET ", "is not an IANA time zone")]
    [InlineData("--reaper-workdays", "monday-friday", "is not a list of days")]
    [InlineData("--reaper-work-hours", "18-9", "0 <= START < END <= 24")]
    [InlineData("--reaper-work-hours", "9-25", "0 <= START < END <= 24")]
    [InlineData("--reaper-holidays", "2026-12-32", "is not a date as YYYY-MM-DD")]
    [InlineData("--reaper-threshold-percent", "101", "a percentage from 0 to 100")]
    [InlineData("--reaper-warn-after-hours", "0", "1 to 200 idle work hours")]
    [InlineData("--reaper-reclaim-after-hours", "0", "1 to 200 further idle work hours")]
    [InlineData("--reaper-max-keep-days", "365", "1 to 90 days ahead")]
    [InlineData("--reaper-dry-run-until", "next week", "is not a date as YYYY-MM-DD")]
    [InlineData("--reaper-prometheus-url", "monitoring.googleapis.com", "is not an http(s) URL")]
    public void An_answer_the_reaper_cannot_work_with_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        scenario.MxIn(scenario.Project, Monitoring.GpuMonitoringCliSpecs.SampleArgs);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "IdleReaper", option, value, "--no-input");

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
