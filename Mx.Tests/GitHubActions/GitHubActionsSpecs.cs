using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mx.Tests.Cli;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using NJsonSchema;

namespace Mx.Tests.GitHubActions;

public partial class GitHubActionsSpecs
{
    public static readonly string[] SampleArgs = ["generate", "GitHubActions", "--github-repo", "acme/acme-vision", "--no-input"];

    private const string Workflow = ".github/workflows/ci.yml";

    private static string Sample => Path.Combine(Repository.Samples, "acme-vision-github-actions");

    private static string Read(string path) => File.ReadAllText(Path.Combine(Sample, path));

    [Fact]
    public void The_github_actions_sample_is_the_skeleton_plus_github_actions()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Sample, scenario.Project);
    }

    [Fact]
    public void Regenerating_the_skeleton_or_github_actions_afterwards_changes_nothing()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var actions = scenario.MxIn(scenario.Project, "generate", "GitHubActions", "--no-input");

        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.Contains("Nothing to change", actions.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Describe_shows_every_answer_and_readme_the_sample_command()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "GitHubActions");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var expected in new[] { "github_repo", "--github-repo", "owner/name", "release_branch", "--release-branch", "main", "MLProjectSkeleton", ".github/workflows/ci.yml" })
            Assert.Contains(expected, result.Output);
        Assert.Contains("mx " + string.Join(' ', SampleArgs[..^1]), File.ReadAllText(Path.Combine(Repository.Root, "README.md")));
    }

    [Theory]
    [InlineData("--github-repo", "acme", "is not owner/name")]
    [InlineData("--release-branch", "main..x", "cannot be a git branch name")]
    [InlineData("--release-branch", "ma'in", "cannot be a git branch name")]
    public void An_answer_github_cannot_take_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);
        string[] args = option == "--github-repo"
            ? ["generate", "GitHubActions", option, value, "--no-input"]
            : ["generate", "GitHubActions", "--github-repo", "acme/acme-vision", option, value, "--no-input"];

        var result = scenario.MxIn(scenario.Project, args);

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public async Task The_workflow_validates_against_schemastores_workflow_schema_and_the_schema_refuses_an_unknown_key()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "github-workflow.schema.json"));
        var workflow = YamlJson.LoadAll(Read(Workflow)).Single()!;
        var broken = workflow.DeepClone();
        broken["jobs"]!["check"]!["runs_on"] = "ubuntu-24.04";

        var problems = schema.Validate(workflow.ToJsonString());

        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => $"{p.Path}: {p.Kind}")));
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void Every_action_is_pinned_to_a_full_commit_with_its_tag_and_only_publish_may_ask_for_an_id_token()
    {
        var text = Read(Workflow);
        var uses = UsesLine().Matches(text).ToArray();
        var workflow = YamlJson.LoadAll(text).Single()!;

        Assert.Equal(7, uses.Length);
        Assert.All(uses, u => Assert.Matches("^[0-9a-f]{40}$", u.Groups["ref"].Value));
        Assert.All(uses, u => Assert.Matches("^v[0-9]+\\.[0-9]+\\.[0-9]+$", u.Groups["tag"].Value));
        Assert.Equal("read", workflow["permissions"]!["contents"]!.GetValue<string>());
        Assert.Null(workflow["jobs"]!["check"]!["permissions"]!["id-token"]);
        Assert.Equal("write", workflow["jobs"]!["check"]!["permissions"]!["security-events"]!.GetValue<string>());
        Assert.Equal("write", workflow["jobs"]!["publish"]!["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Equal("github.event_name == 'push'", workflow["jobs"]!["publish"]!["if"]!.GetValue<string>());
        Assert.Contains("/mx/mx\" lint --format sarif > mx-lint.sarif", text);
        Assert.Contains("sarif_file: mx-lint.sarif", text);
    }

    [Fact]
    public void Every_run_block_is_valid_bash()
    {
        var workflow = YamlJson.LoadAll(Read(Workflow)).Single()!;
        var runs = workflow["jobs"]!.AsObject().SelectMany(j => j.Value!["steps"]!.AsArray()).Select(s => s!["run"]?.GetValue<string>()).OfType<string>().ToArray();

        Assert.True(runs.Length >= 7);
        foreach (var run in runs)
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", ["-n"]) { RedirectStandardInput = true, RedirectStandardError = true };
            using var bash = System.Diagnostics.Process.Start(start)!;
            bash.StandardInput.Write(run);
            bash.StandardInput.Close();
            var error = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, $"{run}\n{error}");
        }
    }

    [Fact]
    public void The_cluster_program_validates_and_its_provider_trusts_only_the_repositorys_release_branch()
    {
        var projectFile = YamlJson.LoadAll(Read("infra/pulumi/cluster/Pulumi.yaml")).Single()!;
        var config = projectFile["config"]?.AsObject().Select(p => p.Key) ?? [];
        var program = Read("infra/pulumi/cluster/Main.yaml");

        var problems = PulumiProgramValidator.Validate(program, config, projectFile["name"]!.GetValue<string>());

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var resources = YamlJson.LoadAll(program).Single()!["resources"]!;
        var provider = resources["githubActionsProvider"]!["properties"]!;
        Assert.Equal("assertion.repository == 'acme/acme-vision' && assertion.ref == 'refs/heads/main'", provider["attributeCondition"]!.GetValue<string>());
        Assert.Equal("https://token.actions.githubusercontent.com", provider["oidc"]!["issuerUri"]!.GetValue<string>());
        Assert.Equal("principalSet://iam.googleapis.com/${githubActionsPool.name}/attribute.repository/acme/acme-vision",
            resources["githubActionsReleaseIdentity"]!["properties"]!["member"]!.GetValue<string>());
        Assert.Equal("enforced", resources["githubActionsDocsBucket"]!["properties"]!["publicAccessPrevention"]!.GetValue<string>());
    }

    [Fact]
    public void The_sample_lints_clean()
    {
        using var dir = new TempDirectory();
        var project = dir.Combine("acme-vision");
        foreach (var file in Directory.EnumerateFiles(Sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project, Path.GetRelativePath(Sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var result = MxProcess.Run(project, "lint", "--no-cache");

        Assert.True(result.ExitCode == 0, result.All);
    }

    [GeneratedRegex(@"uses: [\w./-]+@(?<ref>\S+) # (?<tag>\S+)")]
    private static partial Regex UsesLine();
}
