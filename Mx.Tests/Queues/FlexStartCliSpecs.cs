using Mx.Tests.Cli;

namespace Mx.Tests.Queues;

public class FlexStartCliSpecs
{
    [Theory]
    [InlineData(new[] { "--queue-flex-start", "cpu" }, "cpu runs on the skeleton's CPU pool, which GKE does not provision through flex-start")]
    [InlineData(new[] { "--queue-flex-start", "l4-4" }, "'l4-4' is not one of the queue shapes; the GPU shapes are l4-1, l4-2")]
    [InlineData(new[] { "--queue-flex-start", "l4-2", "--queue-spot", "l4-2" }, "'l4-2' is flex-start (--queue-flex-start), and GKE does not make flex-start VMs Spot")]
    public void Flex_start_shapes_gke_would_refuse_are_refused_and_nothing_is_written(string[] flags, string expected)
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, ["generate", "GpuQueues", "--queue-shapes", "cpu,l4-1,l4-2", "--no-input", .. flags]);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(expected, result.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
