using Mx.Tests.Infra;

namespace Mx.Tests.CloudBuild;

/// <summary>mx up, against the fake tools, ends with the one manual step of Cloud Build's GitHub connection.</summary>
public class CloudBuildUpSpecs
{
    private const string Link = "https://github.com/apps/google-cloud-build/installations/new?state=abc123";

    [Fact]
    public void Up_ends_with_the_link_that_authorises_the_github_connection_while_it_waits()
    {
        using var infra = new FakeInfra("fresh");
        var outputs = Path.Combine(infra.Project, "..", "extra-outputs.json");
        File.WriteAllText(outputs, $$"""{"cloudBuildGithubAuthorization": "{{Link}}", "cloudBuildDocs": "gs://acme-vision-prod-acme-vision-docs"}""");
        var environment = infra.Environment;
        environment["MX_FAKE_EXTRA_OUTPUTS"] = outputs;

        var result = infra.Mx(environment, "up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"One manual step is left for Cloud Build: open {Link} in a browser", result.Output);
        Assert.Contains("mx generate CloudBuild --github-connected true", result.Output);
    }

    [Fact]
    public void Up_says_nothing_of_a_manual_step_once_the_connection_is_complete()
    {
        using var infra = new FakeInfra("fresh");
        var outputs = Path.Combine(infra.Project, "..", "extra-outputs.json");
        File.WriteAllText(outputs, """{"cloudBuildGithubAuthorization": "", "cloudBuildDocs": "gs://acme-vision-prod-acme-vision-docs"}""");
        var environment = infra.Environment;
        environment["MX_FAKE_EXTRA_OUTPUTS"] = outputs;

        var result = infra.Mx(environment, "up", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("manual step", result.Output);
    }
}
