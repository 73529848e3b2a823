using System.Diagnostics;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Training;
using Mx.Tests.Support;

namespace Mx.Tests.Pulumi;

public class PollingSpecs
{
    [Fact]
    public void An_answer_that_comes_late_is_returned_after_pauses_on_the_given_clock_not_the_wall_clock()
    {
        var clock = new SteppingClock();
        var asked = 0;
        var wall = Stopwatch.StartNew();

        var answer = Polling.Until(() => ++asked == 4 ? 7 : (int?)null, clock, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1));

        Assert.Equal(7, answer);
        Assert.Equal(4, asked);
        Assert.Equal(TimeSpan.FromSeconds(6), clock.Elapsed);
        Assert.True(wall.Elapsed < TimeSpan.FromSeconds(5), $"took {wall.Elapsed}");
    }

    [Fact]
    public void The_job_exit_code_is_asked_for_a_minute_every_two_seconds_then_given_up()
    {
        var clock = new SteppingClock();
        var asked = 0;

        var answer = Polling.Until(() => { asked++; return (int?)null; }, clock, TrainingRuns.ExitCodeInterval, TrainingRuns.ExitCodeTimeout);

        Assert.Null(answer);
        Assert.Equal(31, asked);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.Elapsed);
    }
}
