using Mx.Generators;
using Mx.Generators.Internal;
using Mx.Tests.Support;

namespace Mx.Tests.Cli;

public class UpdateCliSpecs
{
    // As if an older mx had written the Dockerfile: state and base record another render than today's template.
    private static void OlderTemplate(string project)
    {
        var path = Path.Combine(project, "Dockerfile");
        OlderRender.Record(project, "Dockerfile",
            File.ReadAllText(path).Replace("# The cluster's training job runs it as uid/gid 10001, the user created below.\n", ""));
    }

    [Fact]
    public void Check_exits_1_with_the_diff_when_behind_and_update_brings_the_template_change_keeping_the_users_edit()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var current = File.ReadAllText(Path.Combine(scenario.Project, "Dockerfile"));
        OlderTemplate(scenario.Project);
        var dockerfile = Path.Combine(scenario.Project, "Dockerfile");
        File.AppendAllText(dockerfile, "# ours: extra system packages go here\n");

        var check = scenario.MxIn(scenario.Project, "update", "--check");
        Assert.True(check.ExitCode == 1, check.All);
        Assert.Contains("merge      Dockerfile", check.Output);
        Assert.Contains("+# The cluster's training job runs it as uid/gid 10001", check.Output);
        Assert.Contains("Behind: MLProjectSkeleton", check.Output);

        var update = scenario.MxIn(scenario.Project, "update", "--no-input");
        Assert.True(update.ExitCode == 0, update.All);
        Assert.Equal(current + "# ours: extra system packages go here\n", File.ReadAllText(dockerfile));

        var again = scenario.MxIn(scenario.Project, "update", "--check");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Up to date: MLProjectSkeleton would change nothing", again.Output);
    }

    [Fact]
    public void Unknown_generators_a_corrupt_base_and_a_state_from_a_newer_mx_are_refused_with_nothing_written()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var before = scenario.Tree();

        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "update", "NoSuchThing"), "no generator named 'NoSuchThing'", "MLProjectSkeleton");
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "update", "DistributedTraining"), "never applied", "mx generate DistributedTraining");
        Assert.Equal(before, scenario.Tree());

        var basePath = BaseSnapshot.PathIn(scenario.Project);
        File.WriteAllText(basePath, File.ReadAllText(basePath)[..5000]);
        var corrupt = scenario.Tree();
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "update", "--no-input"), ".mx/base is corrupt", "git checkout -- .mx/base");
        Assert.Equal(corrupt, scenario.Tree());
        File.WriteAllText(basePath, before["acme-vision/.mx/base"]);

        var statePath = StateFile.PathIn(scenario.Project);
        File.WriteAllText(statePath, before["acme-vision/.mx/state.yaml"].Replace("  version: 1.0.0\n", "  version: 9.0.0\n"));
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "update", "--no-input"), "9.0.0", "Upgrade mx");
        File.WriteAllText(statePath, before["acme-vision/.mx/state.yaml"].Replace("schema: 1\n", "schema: 2\n"));
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "update", "--no-input"), "schema '2'", "upgrade mx");
    }
}
