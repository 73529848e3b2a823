using System.Text.Json;
using Mx.Tests.Support;

namespace Mx.Tests.Cli;

public class GenerateCliSpecs
{
    [Fact]
    public void Generating_the_skeleton_writes_the_project_and_its_state()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx(CliScenario.AcmeVision);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("create", result.Output);
        Assert.Contains("MLProjectSkeleton applied to acme-vision", result.Output);
        var tree = scenario.Tree(scenario.Project);
        Assert.Contains("infra/pulumi/cluster/Main.yaml", tree.Keys);
        Assert.Contains("src/acme_vision/train.py", tree.Keys);
        Assert.Contains("region: europe-west4", tree[".mx/state.yaml"]);
        Assert.DoesNotContain(tree.Keys, k => k.Contains("staging") || k.EndsWith(".tmp") || k == ".mx/lock");
    }

    [Fact]
    public void Only_a_name_and_no_input_is_enough_for_a_project_with_defaults()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input");
        Assert.True(result.ExitCode == 0, result.All);
        var state = File.ReadAllText(Path.Combine(scenario.Path, "demo", ".mx", "state.yaml"));
        Assert.Contains("gcp_project: demo-dev", state);
        Assert.Contains("gpu_type: nvidia-l4", state);
    }

    [Fact]
    public void Running_the_same_generate_again_changes_nothing_and_says_so()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var before = scenario.Tree();
        var stamps = Directory.EnumerateFiles(scenario.Project, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var again = scenario.Mx(CliScenario.AcmeVision);

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Nothing to change", again.Output);
        Assert.Equal(before, scenario.Tree());
        Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(s.Key)));
    }

    [Fact]
    public void Inside_the_project_answers_come_from_state()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Nothing to change", again.Output);
    }

    [Fact]
    public void A_line_both_the_user_and_mx_changed_is_a_conflict_that_force_overwrites_with_a_backup()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var readme = Path.Combine(scenario.Project, "README.md");
        var mine = File.ReadAllText(readme).Replace("- alan@acme.ai\n", "- alan@acme.ai (on leave)\n");
        File.WriteAllText(readme, mine);
        var edited = scenario.Tree();
        // Dropping alan makes mx remove the very line the user changed.
        string[] changed = [.. CliScenario.AcmeVision.Select(a => a == "ada@acme.ai,alan@acme.ai" ? "ada@acme.ai" : a)];

        var refused = scenario.Mx(changed);
        Assert.True(refused.ExitCode == 3, refused.All);
        Assert.Contains("conflict  README.md", refused.Output);
        Assert.Equal(edited, scenario.Tree());

        var dryRun = scenario.Mx([.. changed, "--dry-run"]);
        Assert.True(dryRun.ExitCode == 3, dryRun.All);
        Assert.Contains("conflict   README.md", dryRun.Output);
        Assert.Contains("update     infra/pulumi/cluster/Main.yaml", dryRun.Output);
        Assert.DoesNotContain("unchanged  Dockerfile", dryRun.Output);
        Assert.Contains("+<<<<<<< yours", dryRun.Output);
        Assert.Contains("-  engineer-alan-cluster:", dryRun.Output);
        Assert.Equal(edited, scenario.Tree());

        var forced = scenario.Mx([.. changed, "--force"]);
        Assert.True(forced.ExitCode == 0, forced.All);
        Assert.DoesNotContain("on leave", File.ReadAllText(readme));
        Assert.Contains("- ada@acme.ai", File.ReadAllText(Path.Combine(scenario.Project, ".mx", "state.yaml")));
        var backup = Assert.Single(Directory.GetDirectories(Path.Combine(scenario.Project, ".mx", "backup")));
        Assert.Equal(mine, File.ReadAllText(Path.Combine(backup, "README.md")));
        Assert.Contains($".mx/backup/{Path.GetFileName(backup)}/", forced.Output);
    }

    [Fact]
    public void Git_initialises_a_repository_with_a_first_commit_whose_tree_is_the_project()
    {
        using var scenario = new CliScenario();
        var result = MxProcess.Run(scenario.Path, new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "Ada", ["GIT_AUTHOR_EMAIL"] = "ada@acme.ai", ["GIT_COMMITTER_NAME"] = "Ada", ["GIT_COMMITTER_EMAIL"] = "ada@acme.ai",
        }, [.. CliScenario.AcmeVision, "--git"]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("first commit", result.Output);
        var log = Git(scenario.Project, "log", "--format=%s");
        Assert.Equal("mx generate MLProjectSkeleton\n", log);
        Assert.Equal("", Git(scenario.Project, "status", "--porcelain"));
        Assert.Contains(".mx/base", Git(scenario.Project, "ls-files"));
    }

    private static string Git(string directory, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    [Fact]
    public void List_describe_and_state_show_tell_what_mx_knows()
    {
        using var scenario = new CliScenario();
        var list = scenario.Mx("list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"MLProjectSkeleton\s+builtin\s+A complete ML project", list.Output);

        var describe = scenario.Mx("describe", "MLProjectSkeleton", "--json");
        Assert.True(describe.ExitCode == 0, describe.All);
        var description = JsonDocument.Parse(describe.Output).RootElement;
        var parameters = description.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("option").GetString()!);
        Assert.Equal("<project_name>-dev", parameters["--gcp-project"].GetProperty("default").GetString());
        Assert.Equal("us-central1", parameters["--region"].GetProperty("default").GetString());
        Assert.Contains("src/<package_name>/train.py", description.GetProperty("writes").EnumerateArray().Select(w => w.GetString()));

        var help = scenario.Mx("generate", "MLProjectSkeleton", "--help");
        Assert.Contains("--gcp-project", help.Output);
        Assert.Contains("--gpu-type", help.Output);

        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var show = scenario.MxIn(scenario.Project, "state", "show", "--json");
        Assert.True(show.ExitCode == 0, show.All);
        var state = JsonDocument.Parse(show.Output).RootElement;
        Assert.Equal("acme-vision-prod", state.GetProperty("answers").GetProperty("gcp_project").GetString());
        Assert.Equal("MLProjectSkeleton", state.GetProperty("generators")[0].GetProperty("name").GetString());
        Assert.Contains("gcp_project", scenario.MxIn(scenario.Project, "state", "show").Output);
    }
}
