using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Training;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// mx run --queue --max-wait: the wait for Kueue's admission, on a clock that tests step through instead of
/// sleeping, against the fake kubectl whose queued job is admitted after $MX_FAKE_ADMIT_AFTER reads (or never).
/// </summary>
public class MaxWaitSpecs
{
    private static RunRequest Queued(string maxWait) =>
        new("train", new Dictionary<string, string>(), null) { Queue = "l4-2", MaxWait = maxWait };

    private static TrainingRuns Runs(RunWorld world, TimeProvider clock) =>
        new(InfraProject.Load(world.Project, null, null), world.InProcessRunner(), clock);

    [Fact]
    public void A_job_kueue_admits_within_the_limit_runs_and_is_followed()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_QUEUES"] = "l4-2";
        world.Extra["MX_FAKE_ADMIT_AFTER"] = "3";
        var clock = new SteppingClock();
        var said = new List<string>();

        var exitCode = Runs(world, clock).Run(Queued("30m"), said.Add, _ => { });

        Assert.Equal(0, exitCode);
        Assert.Equal(2 * TrainingRuns.AdmissionInterval, clock.Elapsed);
        Assert.Contains(said, s => s.StartsWith("Kueue admitted job acme-vision-train-", StringComparison.Ordinal));
        Assert.Contains(world.Calls(), c => c.Argv.Contains("logs") && c.Argv.Contains("--follow"));
    }

    [Fact]
    public void A_job_still_waiting_at_the_limit_is_deleted_and_mx_exits_124()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_QUEUES"] = "l4-2";
        var clock = new SteppingClock();

        var error = Assert.Throws<MxException>(() => Runs(world, clock).Run(Queued("5m"), _ => { }, _ => { }));

        Assert.Equal(ExitCode.TimedOut, error.ExitCode);
        Assert.Equal(124, (int)error.ExitCode);
        Assert.Equal(TimeSpan.FromMinutes(5), clock.Elapsed);
        Assert.Contains("Kueue did not admit job acme-vision-train-", error.Message);
        Assert.Contains("it is pending in queue l4-2: couldn't assign flavors to pod set main", error.Message);
        Assert.Contains("mx deleted the job", error.Message);
        var calls = world.Calls();
        Assert.Contains(calls, c => c.Argv.Contains("delete"));
        Assert.DoesNotContain(calls, c => c.Argv.Contains("logs"));
    }

    [Theory]
    [InlineData("l4-1", "200", 0)]
    [InlineData("l4-2", "168", 0)]
    [InlineData("l4-2", "169", 2)]
    public void A_job_longer_than_seven_days_is_refused_on_a_flex_start_queue(string queue, string deadline, int exitCode)
    {
        using var world = new RunWorld();
        world.GenerateQueues(["generate", "GpuQueues", "--queue-shapes", "cpu,l4-1,l4-2", "--queue-flex-start", "l4-2", "--no-input"]);
        world.Extra["MX_FAKE_QUEUES"] = "l4-1,l4-2";

        var result = world.Mx("run", "train", "--queue", queue, "--deadline", deadline);

        Assert.True(result.ExitCode == exitCode, result.All);
        if (exitCode == 0) return;
        Assert.Contains("--queue l4-2 is a flex-start shape, whose nodes GKE lends for at most 7 days (168 hours), and this job may run 169 hours", result.Output);
        Assert.Empty(world.Calls());
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("2h", 2 * 3600)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("90s", 90)]
    [InlineData("30d", 30 * 86400)]
    public void A_wait_limit_is_a_number_with_a_unit_or_a_sum_of_them(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WaitLimit.Parse(text));

    [Theory]
    [InlineData("30")]
    [InlineData("30 m")]
    [InlineData("-5m")]
    [InlineData("30s")]
    [InlineData("31d")]
    [InlineData("999999999h")]
    public void A_wait_limit_without_a_unit_or_out_of_range_is_refused(string text)
    {
        var error = Assert.Throws<MxException>(() => WaitLimit.Parse(text));

        Assert.Equal(ExitCode.BadInput, error.ExitCode);
        Assert.Contains($"--max-wait {text}: give how long the job may wait", error.Message);
    }

    [Theory]
    [InlineData("soon", "--queue", "l4-2", "give how long the job may wait for Kueue to admit it")]
    [InlineData("30m", null, null, "only a job submitted with --queue SHAPE waits in Kueue; add --queue")]
    public void A_bad_max_wait_is_refused_before_anything_is_built(string maxWait, string? flag, string? queue, string expected)
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_QUEUES"] = "l4-2";
        string[] args = flag is null ? ["run", "train", "--max-wait", maxWait] : ["run", "train", "--max-wait", maxWait, flag, queue!];

        var result = world.Mx(args);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(expected, result.Output);
        Assert.Empty(world.Calls());
    }
}
