using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

public class DistributedTrainingCliSpecs
{
    [Theory]
    [InlineData("trainjob", "acme-vision-distributed")]
    [InlineData("pytorchjob", "acme-vision-distributed-pytorchjob")]
    public void The_distributed_samples_are_the_skeleton_plus_distributed_training_asking_nothing(string trainingOperator, string sample)
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        // No --no-input: the skeleton's answers in state and the defaults must be enough, without a terminal to ask on.
        var args = trainingOperator == "trainjob" ? new[] { "generate", "DistributedTraining" } : ["generate", "DistributedTraining", "--operator", "pytorchjob"];

        var result = scenario.MxIn(scenario.Project, args);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, sample), scenario.Project);
    }

    [Fact]
    public void Running_it_or_the_skeleton_again_leaves_every_project_file_as_it_is()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input").ExitCode);
        var before = ProjectFiles(scenario);

        var again = scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input");
        // The skeleton re-renders the platform program from state, which must keep the distributed-training deployment.
        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Nothing to change", again.Output);
        Assert.True(skeleton.ExitCode == 0, skeleton.All);
        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.Equal(before, ProjectFiles(scenario));
    }

    private static SortedDictionary<string, string> ProjectFiles(CliScenario scenario) => scenario.Tree(scenario.Project);

    [Fact]
    public void Without_the_skeleton_it_fails_and_names_the_generator_to_run_first()
    {
        using var scenario = new CliScenario();
        Directory.CreateDirectory(Path.Combine(scenario.Path, ".mx"));
        File.WriteAllText(Path.Combine(scenario.Path, ".mx", "state.yaml"), "schema: 1\n");

        var result = scenario.Mx("generate", "DistributedTraining", "--no-input");

        CliScenario.AssertBadInput(result, "MLProjectSkeleton", "mx generate MLProjectSkeleton");
        Assert.False(Directory.Exists(Path.Combine(scenario.Path, "infra")));
    }

    [Theory]
    [InlineData("--gpus-per-worker", "2", "1 nvidia-l4 GPU(s)")]
    [InlineData("--workers", "3", "at most 2 nodes")]
    [InlineData("--workers", "0", "choose 1-2")]
    [InlineData("--operator", "mpijob", "pytorchjob")]
    public void An_answer_the_gpu_pool_or_mx_cannot_serve_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "DistributedTraining", option, value, "--no-input");

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
