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
}
