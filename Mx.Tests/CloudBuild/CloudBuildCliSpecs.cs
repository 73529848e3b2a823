using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.CloudBuild;

public class CloudBuildCliSpecs
{
    /// <summary>README's commands after the skeleton's: the repository first, then the authorised connection.</summary>
    public static readonly string[] SampleArgs = ["generate", "CloudBuild", "--github-repo", "acme/acme-vision", "--no-input"];

    public static readonly string[] ConnectedArgs = ["generate", "CloudBuild", "--github-connected", "true", "--no-input"];

    [Fact]
    public void The_cloudbuild_sample_is_the_skeleton_plus_cloud_build_with_its_connection_authorised()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var first = scenario.MxIn(scenario.Project, SampleArgs);
        var connected = scenario.MxIn(scenario.Project, ConnectedArgs);

        Assert.True(first.ExitCode == 0, first.All);
        Assert.True(connected.ExitCode == 0, connected.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-cloudbuild"), scenario.Project);
    }

    [Theory]
    [InlineData("CloudBuild", "GitHubActions")]
    [InlineData("GitHubActions", "CloudBuild")]
    public void A_project_gets_one_pipeline_and_the_second_is_refused_with_nothing_written(string first, string second)
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var applied = scenario.MxIn(scenario.Project, "generate", first, "--github-repo", "acme/acme-vision", "--no-input");
        Assert.True(applied.ExitCode == 0, applied.All);
        var before = scenario.Tree(scenario.Project);

        var refused = scenario.MxIn(scenario.Project, "generate", second, "--github-repo", "acme/acme-vision", "--no-input");

        Assert.True(refused.ExitCode == 2, refused.All);
        Assert.Contains($"This project's pipeline is already {first}, and a project has one", refused.Output);
        Assert.Contains($"'mx destroy {first}'", refused.Output);
        Assert.DoesNotContain("   at ", refused.All);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Readme_shows_the_commands_the_sample_is_generated_with_and_the_manual_step()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## CI/CD and docs", StringComparison.Ordinal)..];

        Assert.Contains("mx " + string.Join(' ', SampleArgs[..^1]), section);
        Assert.Contains("mx " + string.Join(' ', ConnectedArgs[..^1]), section);
        Assert.Contains("samples/acme-vision-cloudbuild", section);
        foreach (var topic in new[] { "git push", "mx up", "authorises the GitHub connection", "gs://<gcp_project>-<name>-docs", "pip install --index-url", "mx docs build" })
            Assert.Contains(topic, section);
    }

    [Fact]
    public void Until_the_connection_is_authorised_the_program_has_no_repository_or_triggers_and_outputs_the_link()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);

        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var waiting = scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"];
        Assert.Equal(0, scenario.MxIn(scenario.Project, ConnectedArgs).ExitCode);
        var connected = scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"];
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "CloudBuild", "--github-connected", "false", "--no-input").ExitCode);

        Assert.Contains("cloudBuildGithubAuthorization: ${cloudBuildGithub.installationStates[0].actionUri}", waiting);
        var config = new[] { "deletionProtection", "cpuMaxNodes", "gpuMaxNodes" };
        Assert.Empty(Mx.Tests.Validation.PulumiProgramValidator.Validate(waiting, config, "acme-vision-cluster"));
        Assert.DoesNotContain("gcp:cloudbuild:Trigger", waiting);
        Assert.DoesNotContain("gcp:cloudbuildv2:Repository", waiting);
        Assert.Contains("cloudBuildPullRequests:", connected);
        Assert.Contains("cloudBuildMain:", connected);
        Assert.Contains("remoteUri: https://github.com/acme/acme-vision.git", connected);
        Assert.Equal(waiting, scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"]);
    }

    [Fact]
    public void Regenerating_the_skeleton_or_cloud_build_afterwards_changes_nothing()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, ConnectedArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var cloudBuild = scenario.MxIn(scenario.Project, "generate", "CloudBuild", "--no-input");

        Assert.True(skeleton.ExitCode == 0, skeleton.All);
        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.True(cloudBuild.ExitCode == 0, cloudBuild.All);
        Assert.Contains("Nothing to change", cloudBuild.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
        Assert.Contains("cloudBuildMain:", before["infra/pulumi/cluster/Main.yaml"]);
        Assert.Contains("\nci\n", before["docs/index.md"]);
    }

    [Fact]
    public void A_changed_branch_regex_changes_both_triggers_in_place()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, [.. SampleArgs, "--github-connected", "true"]).ExitCode);

        var result = scenario.MxIn(scenario.Project, "generate", "CloudBuild", "--github-branch", "^(main|release-.*)$", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var program = scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"];
        Assert.Equal(2, program.Split("branch: \"^(main|release-.*)$$\"").Length - 1);
        Assert.DoesNotContain("^main$$", program);
    }

    [Fact]
    public void Describe_shows_every_answer_with_its_default_and_validation()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "CloudBuild");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var expected in new[] { "github_repo", "--github-repo", "owner/name", "github_branch", "--github-branch", "^main$", "RE2",
                     "cloudbuild_region", "--build-region", "the project's region", "github_connected", "--github-connected", "MLProjectSkeleton",
                     "cloudbuild.yaml", "docs/ci.md" })
            Assert.Contains(expected, result.Output);
    }

    [Theory]
    [InlineData("--github-repo", "acme-vision", "is not owner/name")]
    [InlineData("--github-repo", "acme/vision/x", "is not owner/name")]
    [InlineData("--github-repo", "-acme/acme-vision", "cannot be a GitHub owner")]
    [InlineData("--github-repo", "acme/acme vision", "cannot be a GitHub repository name")]
    [InlineData("--github-branch", "^(main$", "is not a regular expression")]
    [InlineData("--github-branch", "^(?!wip).*$", "which RE2")]
    [InlineData("--build-region", "Europe West", "Google Cloud region")]
    public void An_answer_github_or_cloud_build_cannot_take_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);
        string[] args = option == "--github-repo"
            ? ["generate", "CloudBuild", option, value, "--no-input"]
            : ["generate", "CloudBuild", "--github-repo", "acme/acme-vision", option, value, "--no-input"];

        var result = scenario.MxIn(scenario.Project, args);

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Without_a_repository_it_asks_for_one_and_writes_nothing()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "CloudBuild", "--no-input");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--github-repo", result.All);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
