using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Generated;

public class GoldenSampleSpecs
{
    /// <summary>
    /// samples/acme-vision is exactly what README's documented command produces. To accept an intended change:
    /// MX_ACCEPT=1 dotnet test --filter GoldenSampleSpecs, then review the diff in git.
    /// </summary>
    [Fact]
    public void The_acme_vision_sample_is_what_the_documented_command_generates()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx(CliScenario.AcmeVision);
        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision"), scenario.Project);
    }

    /// <summary>samples/acme-vision-cloudsql: the same project with MLflow's database on Cloud SQL.</summary>
    [Fact]
    public void The_cloud_sql_sample_is_what_the_documented_command_generates_with_cloud_sql()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx([.. CliScenario.AcmeVision, "--mlflow-database", "cloud-sql"]);
        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-cloudsql"), scenario.Project);
    }

    /// <summary>
    /// samples/acme-vision-edited: the sample as an engineer edited it (learning rate, Dockerfile, README notes, a
    /// comment in the cluster program, pulumi's salt), then generated again with alan gone and three GPU nodes:
    /// every edit is merged with mx's changes and nothing is a conflict.
    /// </summary>
    [Fact]
    public void The_edited_sample_is_the_sample_with_its_edits_merged_into_a_changed_answer()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        Edit(scenario.Project, "conf/config.yaml", text => text.Replace("lr: 0.001\n", "lr: 0.0003\n"));
        Edit(scenario.Project, "Dockerfile", text => text + "# Our data loader needs libgl for OpenCV.\n");
        Edit(scenario.Project, "README.md", text => text + "\n## Team notes\n\nAsk ada before changing the GPU pool.\n");
        Edit(scenario.Project, "infra/pulumi/cluster/Main.yaml", text => "# Reviewed by the platform team.\n" + text);
        Edit(scenario.Project, "infra/pulumi/cluster/Pulumi.dev.yaml", text => text + "encryptionsalt: v1:c2FsdA==:v1:abc:def\n");
        string[] changed = [.. CliScenario.AcmeVision.Select(a => a == "ada@acme.ai,alan@acme.ai" ? "ada@acme.ai" : a), "--gpu-max-nodes", "3"];

        var result = scenario.Mx(changed);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("merge      README.md", result.Output);
        Assert.Contains("keep       conf/config.yaml", result.Output);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-edited"), scenario.Project);
    }

    private static void Edit(string project, string path, Func<string, string> edit)
    {
        var full = Path.Combine(project, path);
        File.WriteAllText(full, edit(File.ReadAllText(full)));
    }
}
