using Mx.Pulumi.Training;

namespace Mx.Tests.Training;

public class TrackedRunSpecs
{
    [Fact]
    public void The_generated_trainers_announcement_gives_the_runs_link()
    {
        var run = TrackedRun.FromLogLine("[2026-11-24 01:02:03,456][acme_vision.train][INFO] - MLflow run 0123456789abcdef0123456789abcdef in experiment 12 ('acme-vision')");
        Assert.Equal("http://localhost:5000/#/experiments/12/runs/0123456789abcdef0123456789abcdef", run!.Link(5000));
    }

    [Theory]
    [InlineData("epoch 1/3 train_loss=0.8")]
    [InlineData("MLflow run abc in experiment 1 ('x')")]
    public void Other_lines_announce_nothing(string line) => Assert.Null(TrackedRun.FromLogLine(line));
}
