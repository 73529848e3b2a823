using Mx.Tests.Training;

namespace Mx.Tests.Queues;

public class QueueWithoutQueuesSpecs
{
    [Theory]
    [InlineData("list")]
    [InlineData("status", "acme-vision-train-20261204-101500")]
    [InlineData("move", "acme-vision-train-20261204-101500", "--to", "l4-1")]
    [InlineData("priority", "acme-vision-train-20261204-101500", "high")]
    public void A_project_without_gpu_queues_is_told_to_generate_them(params string[] args)
    {
        using var world = new RunWorld();

        var result = world.Mx(["queue", .. args]);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("This project has no GPU queues", result.Output);
        Assert.Contains("Run 'mx generate GpuQueues'", result.Output);
        Assert.Empty(world.Calls());
    }
}
