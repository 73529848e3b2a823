using Mx.Generators;
using Mx.Tests.Support;

namespace Mx.Tests.Cli;

public class DestroyCliSpecs
{
    [Fact]
    public void Destroy_removes_what_the_generator_added_and_reverts_its_edit_leaving_the_skeleton_as_it_was()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var skeletonOnly = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input").ExitCode);

        var result = scenario.MxIn(scenario.Project, "destroy", "DistributedTraining", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("DistributedTraining removed from this project", result.Output);
        Assert.Equal(Without(skeletonOnly, ".mx/state.yaml", ".mx/base"), Without(scenario.Tree(scenario.Project), ".mx/state.yaml", ".mx/base"));
        var state = StateFile.Load(scenario.Project)!;
        Assert.DoesNotContain(state.Generators, g => g.Name == "DistributedTraining");
        Assert.DoesNotContain("distributed-training", state.Deployments);
        Assert.Contains("Nothing to change", scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input").Output);
    }

    [Fact]
    public void Destroying_gpu_queues_takes_its_node_pools_out_of_the_cluster_program_again()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var skeletonOnly = scenario.Tree(scenario.Project);
        var queues = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--no-input", "--queue-shapes", "cpu,l4-1,l4-2");
        Assert.True(queues.ExitCode == 0, queues.All);
        Assert.Contains("queuePool-l4-2", File.ReadAllText(Path.Combine(scenario.Project, "infra", "pulumi", "cluster", "Main.yaml")));

        var result = scenario.MxIn(scenario.Project, "destroy", "GpuQueues", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(Without(skeletonOnly, ".mx/state.yaml", ".mx/base"), Without(scenario.Tree(scenario.Project), ".mx/state.yaml", ".mx/base"));
        Assert.Contains("Nothing to change", scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input").Output);
    }

    [Fact]
    public void A_file_the_user_changed_is_a_conflict_and_stays_with_conflicts_mine()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input").ExitCode);
        var trainer = Directory.GetFiles(Path.Combine(scenario.Project, "src"), "distributed.py", SearchOption.AllDirectories).Single();
        File.AppendAllText(trainer, "# tuned by us\n");
        var edited = scenario.Tree(scenario.Project);

        var refused = scenario.MxIn(scenario.Project, "destroy", "DistributedTraining", "--no-input");
        Assert.True(refused.ExitCode == 3, refused.All);
        Assert.Equal(edited, scenario.Tree(scenario.Project));

        var kept = scenario.MxIn(scenario.Project, "destroy", "DistributedTraining", "--no-input", "--conflicts", "mine");
        Assert.True(kept.ExitCode == 0, kept.All);
        Assert.EndsWith("# tuned by us\n", File.ReadAllText(trainer));
        Assert.False(StateFile.Load(scenario.Project)!.Files.ContainsKey(Path.GetRelativePath(scenario.Project, trainer).Replace('\\', '/')));
    }

    [Fact]
    public void Destroying_a_generator_another_builds_on_or_one_never_applied_is_refused()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "destroy", "DistributedTraining"), "never applied", "MLProjectSkeleton");
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "destroy", "NoSuchThing"), "no generator named 'NoSuchThing'");
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input").ExitCode);
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "destroy", "MLProjectSkeleton"), "DistributedTraining", "mx destroy DistributedTraining");
    }

    private static SortedDictionary<string, string> Without(SortedDictionary<string, string> tree, params string[] paths) =>
        new(tree.Where(f => !paths.Contains(f.Key)).ToDictionary(), StringComparer.Ordinal);
}
