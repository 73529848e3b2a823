using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Queues;

public class GpuQueuesCliSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-queues is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "GpuQueues", "--queue-shapes", "cpu,l4-1,l4-2", "--queue-max-nodes", "l4-2=1", "--queue-spot", "l4-2"];

    [Fact]
    public void The_queues_sample_is_the_skeleton_plus_gpu_queues()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-queues"), scenario.Project);
    }

    [Fact]
    public void Regenerating_the_skeleton_or_the_queues_afterwards_changes_nothing_and_keeps_the_queue_pools()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var queues = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--no-input");

        Assert.True(skeleton.ExitCode == 0, skeleton.All);
        Assert.Contains("Nothing to change", skeleton.Output);
        Assert.True(queues.ExitCode == 0, queues.All);
        Assert.Contains("Nothing to change", queues.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
        Assert.Contains("queuePool-l4-2:", before["infra/pulumi/cluster/Main.yaml"]);
    }

    [Fact]
    public void A_shape_taken_out_loses_its_node_pool_and_a_changed_size_replaces_it_in_place()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);

        var result = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--queue-shapes", "cpu,l4-2", "--queue-max-nodes", "l4-2=3", "--queue-spot", "l4-2");

        Assert.True(result.ExitCode == 0, result.All);
        var cluster = scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"];
        Assert.DoesNotContain("queuePool-l4-1", cluster);
        Assert.Contains("name: queue-l4-2", cluster);
        Assert.Contains("maxNodeCount: 3", cluster);
    }

    [Fact]
    public void Describe_shows_every_answer_with_its_default_and_validation()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "GpuQueues");

        Assert.True(result.ExitCode == 0, result.All);
        foreach (var expected in new[] { "queue_shapes", "--queue-shapes", "queue_max_nodes", "--queue-max-nodes", "queue_spot", "--queue-spot",
                     "queue_priorities", "--queue-priorities", "low,normal,high", "2 for every shape", "a3-highgpu-1g/2g/4g", "MLProjectSkeleton" })
            Assert.Contains(expected, result.Output);
    }

    [Theory]
    [InlineData("--queue-shapes", "cpu,k80-1", "names no GPU mx knows")]
    [InlineData("--queue-shapes", "cpu,h100-80gb-8", "is not offered in europe-west4-a")]
    [InlineData("--queue-shapes", "cpu,l4-3", "come with 1, 2, 4, 8 GPUs")]
    [InlineData("--queue-shapes", "l4", "is not a shape")]
    [InlineData("--queue-shapes", "l4-1,l4-1", "given twice")]
    [InlineData("--queue-max-nodes", "l4-4=2", "they are cpu, l4-1")]
    [InlineData("--queue-max-nodes", "l4-1=0", "1-64 nodes")]
    [InlineData("--queue-max-nodes", "l4-1=many", "is not shape=N")]
    [InlineData("--queue-spot", "cpu", "on-demand CPU pool")]
    [InlineData("--queue-spot", "t4-1", "the GPU shapes are l4-1")]
    [InlineData("--queue-priorities", "low,High", "cannot name a WorkloadPriorityClass")]
    public void An_answer_the_zone_or_kueue_cannot_serve_is_refused_and_nothing_is_written(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "GpuQueues", option, value, "--no-input");

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void An_h100_shape_sold_only_as_spot_must_be_a_spot_pool()
    {
        using var scenario = new CliScenario();
        scenario.Mx([.. CliScenario.AcmeVision, "--zone", "europe-west4-b"]);
        var before = scenario.Tree(scenario.Project);

        var refused = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--queue-shapes", "h100-80gb-2,h100-80gb-8", "--queue-spot", "h100-80gb-8", "--no-input");
        var defaulted = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--queue-shapes", "h100-80gb-2", "--no-input");

        CliScenario.AssertBadInput(refused, "--queue-spot", "a3-highgpu-2g (h100-80gb-2) is sold only as Spot");
        Assert.True(defaulted.ExitCode == 0, defaulted.All);
        Assert.Contains("spot: true", scenario.Tree(scenario.Project)["infra/pulumi/cluster/Main.yaml"]);
        Assert.NotEqual(before, scenario.Tree(scenario.Project));
    }
}
