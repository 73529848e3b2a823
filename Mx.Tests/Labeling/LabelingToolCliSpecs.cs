using Mx.Tests.Cli;
using Mx.Tests.Gateway;
using Mx.Tests.Support;

namespace Mx.Tests.Labeling;

/// <summary>mx generate LabelingTool through the CLI: the golden sample, updating it, taking it out again, and bad input.</summary>
public class LabelingToolCliSpecs
{
    /// <summary>The command README shows after DeploymentInfrastructure's; samples/acme-vision-label is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "LabelingTool", "--no-input"];

    private static CliScenario WithGateway()
    {
        var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var gateway = scenario.MxIn(scenario.Project, GatewayCliSpecs.SampleArgs);
        Assert.True(gateway.ExitCode == 0, gateway.All);
        return scenario;
    }

    [Fact]
    public void The_label_sample_is_the_gateway_sample_plus_cvat()
    {
        using var scenario = WithGateway();

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-label"), scenario.Project);
    }

    [Fact]
    public void Updating_renders_the_same_files_and_the_deployment_is_listed_with_its_url()
    {
        using var scenario = WithGateway();
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var tree = scenario.Tree(scenario.Project);

        var updated = scenario.MxIn(scenario.Project, "update", "--no-input");
        var list = scenario.MxIn(scenario.Project, "deploy", "--list");

        Assert.True(updated.ExitCode == 0, updated.All);
        var after = scenario.Tree(scenario.Project);
        foreach (var (path, content) in tree)
            Assert.True(content == after[path], $"{path} changed on update");
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("label", list.Output);
        Assert.Contains("https://label.acme-vision.acme.ai", list.Output);
    }

    [Fact]
    public void Destroying_the_labeling_tool_gives_back_the_projects_files_as_they_were()
    {
        using var scenario = WithGateway();
        var before = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);

        var destroyed = scenario.MxIn(scenario.Project, "destroy", "LabelingTool", "--no-input");

        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        Assert.Equal(before.Keys.Where(k => !k.StartsWith(".mx/", StringComparison.Ordinal)), after.Keys.Where(k => !k.StartsWith(".mx/", StringComparison.Ordinal)));
        foreach (var path in new[] { "docs/index.md", "infra/pulumi/cluster/Main.yaml", "infra/pulumi/platform/Main.yaml" })
            Assert.Equal(before[path], after[path]);
    }

    [Fact]
    public void With_cloud_sql_the_cluster_program_keeps_one_default_random_provider()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx([.. CliScenario.AcmeVision[..^1], "--mlflow-database", "cloud-sql", "--no-input"]).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, GatewayCliSpecs.SampleArgs).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        var program = File.ReadAllText(Path.Combine(scenario.Project, "infra/pulumi/cluster/Main.yaml"));
        // pulumi refuses two default providers of one package; the skeleton's serves the backup plan's suffix too.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(program, "type: pulumi:providers:random\n    defaultProvider: true"));
        Assert.DoesNotContain("labelRandom:", program);
        Assert.Contains("labelBackupPlanSuffix:", program);
    }

    [Fact]
    public void Without_the_front_door_the_labeling_tool_is_refused_with_the_command_that_adds_it_and_nothing_is_written()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        CliScenario.AssertBadInput(result, "mx generate DeploymentInfrastructure");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("366")]
    public void A_backup_retention_outside_a_day_to_a_year_exits_2_and_writes_nothing(string days)
    {
        using var scenario = WithGateway();
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "LabelingTool", "--backup-retain-days", days, "--no-input");

        CliScenario.AssertBadInput(result, $"{days} days cannot be a retention");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
