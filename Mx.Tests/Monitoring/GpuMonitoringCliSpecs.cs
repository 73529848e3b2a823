using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Monitoring;

public class GpuMonitoringCliSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-monitoring is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "GpuMonitoring", "--no-input"];

    [Fact]
    public void The_monitoring_sample_is_the_skeleton_plus_gpu_monitoring()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-monitoring"), scenario.Project);
    }

    [Fact]
    public void Regenerating_the_skeleton_or_the_monitoring_afterwards_changes_nothing_and_keeps_the_cluster_edit()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var monitoring = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(skeleton.ExitCode == 0, skeleton.All);
        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.True(monitoring.ExitCode == 0, monitoring.All);
        Assert.Contains("Nothing to change", monitoring.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
        Assert.Contains("monitoringServiceAccount:", before["infra/pulumi/cluster/Main.yaml"]);
        Assert.Contains("managedPrometheus:", before["infra/pulumi/cluster/Main.yaml"]);
    }

    [Fact]
    public void Destroying_gpu_monitoring_gives_back_the_skeletons_cluster_and_platform_programs()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var skeleton = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);

        var result = scenario.MxIn(scenario.Project, "destroy", "GpuMonitoring", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var after = scenario.Tree(scenario.Project);
        Assert.Equal(skeleton["infra/pulumi/cluster/Main.yaml"], after["infra/pulumi/cluster/Main.yaml"]);
        Assert.Equal(skeleton["infra/pulumi/platform/Main.yaml"], after["infra/pulumi/platform/Main.yaml"]);
        Assert.DoesNotContain(after.Keys, k => k.StartsWith("infra/k8s/gpu-monitoring/", StringComparison.Ordinal));
    }

    [Fact]
    public void Changed_answers_reach_the_alert_rules_and_the_recorded_price()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);

        var result = scenario.MxIn(scenario.Project, "generate", "GpuMonitoring", "--gpu-hour-cost", "0.71", "--idle-alert-minutes", "45",
            "--gpu-memory-alert-percent", "90", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var rules = scenario.Tree(scenario.Project)["infra/k8s/gpu-monitoring/rules.yaml"];
        Assert.Contains("expr: vector(0.71)", rules);
        Assert.Contains("for: 45m", rules);
        Assert.Contains("> 90", rules);
    }

    [Fact]
    public void Describe_shows_every_answer_with_its_default_and_validation()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "GpuMonitoring");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var expected in new[] { "gpu_hour_cost", "--gpu-hour-cost", "1.00", "idle_alert_minutes", "--idle-alert-minutes", "30", "5-1440",
                     "gpu_memory_alert_percent", "--gpu-memory-alert-percent", "95", "50-99", "MLProjectSkeleton", "infra/k8s/gpu-monitoring/rules.yaml" })
            Assert.Contains(expected, result.Output);
    }

    [Theory]
    [InlineData("--gpu-hour-cost", "cheap", "is not a price in USD")]
    [InlineData("--gpu-hour-cost", "0", "outside 0-1000")]
    [InlineData("--gpu-hour-cost", "1,5", "is not a price in USD")]
    [InlineData("--idle-alert-minutes", "2", "from 5 to 1440")]
    [InlineData("--gpu-memory-alert-percent", "100", "from 50 to 99")]
    public void An_answer_out_of_range_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "GpuMonitoring", option, value, "--no-input");

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Gpu_monitoring_outside_a_skeleton_project_is_refused()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("generate", "GpuMonitoring", "--no-input");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("MLProjectSkeleton", result.Output);
    }
}
