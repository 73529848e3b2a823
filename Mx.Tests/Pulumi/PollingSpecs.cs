using System.Diagnostics;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Training;

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

    /// <summary>A clock whose timers fire at once and move it forward by their due time.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private readonly DateTimeOffset _start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

        public override DateTimeOffset GetUtcNow() => _start + Elapsed;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new Fired();
        }

        private sealed class Fired : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => false;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
