using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

public class LintCliSpecs
{
    [Fact]
    public void A_freshly_generated_project_lints_clean_and_a_second_run_comes_from_the_cache()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var cold = scenario.MxIn(scenario.Project, "lint");
        Assert.True(cold.ExitCode == 0, cold.All);
        Assert.EndsWith("0 errors, 0 warnings, 0 notes in 42 files (42 checked, 0 from cache).", cold.Output.Trim());
        var warm = scenario.MxIn(scenario.Project, "lint");
        Assert.EndsWith("in 42 files (0 checked, 42 from cache).", warm.Output.Trim());
    }

    [Fact]
    public void Lint_exits_1_on_error_findings_and_prints_them_grouped_by_file()
    {
        using var project = LintProject.Fixture("bad-project");
        var result = MxProcess.Run(project.Root, "lint", "infra/k8s/web.yaml", "--no-cache");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("infra/k8s/web.yaml:1:1  MX1109  warning  Deployment 'web' lacks the labels", result.Output);
        Assert.Contains("infra/k8s/web.yaml:14:18  MX1101  error    image 'nginx' has no tag, so it means ':latest'\n    hint: Pin an exact version tag", result.Output);
    }

    [Fact]
    public void Explain_prints_the_rationale_and_a_bad_and_a_good_example()
    {
        using var dir = new TempDirectory();
        var result = MxProcess.Run(dir.Path, "lint", "--explain", "mx4104");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("MX4104  apt package lists are removed in the same RUN that installs packages\nfamily: dockerfile · default severity: warning · safe fix: yes", result.Output);
        Assert.Contains("Bad:\n    RUN apt-get update && apt-get install -y --no-install-recommends git\nGood:", result.Output);
    }

    [Fact]
    public void List_prints_every_rule_of_the_catalogue()
    {
        using var dir = new TempDirectory();
        var result = MxProcess.Run(dir.Path, "lint", "--list");
        Assert.Equal(0, result.ExitCode);
        Assert.All(Mx.Lint.RuleCatalog.All, rule => Assert.Contains($"  {rule.Id}  ", result.Output));
    }

    [Fact]
    public void An_unknown_rule_a_bad_config_and_a_missing_path_are_usage_errors()
    {
        using var project = LintProject.With(("pod.yaml", "kind: Pod\n"));
        CliScenario.AssertBadInput(MxProcess.Run(project.Root, "lint", "--explain", "MX0000"), "There is no rule 'MX0000'");
        CliScenario.AssertBadInput(MxProcess.Run(project.Root, "lint", "no/such/dir"), "no/such/dir does not exist");
        project.Write(".mx/lint.yaml", "rules:\n  MX1101: sometimes\n");
        CliScenario.AssertBadInput(MxProcess.Run(project.Root, "lint"), ".mx/lint.yaml(2,11): 'sometimes' is not a setting for MX1101");
        CliScenario.AssertBadInput(MxProcess.Run(project.Root, "lint", "--format", "xml"));
    }
}
