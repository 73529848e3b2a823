using System.Diagnostics;
using Mx.Generators;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

public class ConcurrencyAndSymlinkSpecs
{
    [Fact]
    public async Task Two_concurrent_generates_with_different_answers_never_leave_state_and_files_disagreeing()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        for (var round = 0; round < 6; round++)
        {
            var database = round % 2 == 0 ? ("cloud-sql", "in-cluster") : ("in-cluster", "cloud-sql");
            var first = Task.Run(() => scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", database.Item1));
            var second = Task.Run(() => scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", database.Item2));
            foreach (var result in await Task.WhenAll(first, second))
            {
                // Each either ran (after the other, whose writes are mx's own, not conflicts) or waited and gave up clearly.
                Assert.True(result.ExitCode == 0 || result.ExitCode == 2 && result.Output.Contains("Another mx process"), result.All);
            }
            var state = StateFile.Load(scenario.Project)!;
            foreach (var (path, hash) in state.Files)
            {
                var full = Path.Combine(scenario.Project, path);
                if (File.Exists(full))
                    Assert.Equal(hash, ContentHash.Of(File.ReadAllText(full)));
            }
            var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
            Assert.True(again.ExitCode == 0 && again.Output.Contains("Nothing to change"), again.All);
        }
    }

    [Fact]
    public void A_second_process_waits_for_the_lock_then_fails_with_a_clear_message_and_writes_nothing()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var before = scenario.Tree();
        using (ProjectLock.Acquire(scenario.Project))
        {
            var watch = Stopwatch.StartNew();
            var blocked = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", "cloud-sql");
            CliScenario.AssertBadInput(blocked, "Another mx process is changing this project", "nothing was written");
            Assert.True(watch.Elapsed >= ProjectLock.DefaultWait, $"gave up after {watch.Elapsed}");
        }
        Assert.Equal(before.Keys, scenario.Tree().Keys.Where(k => k != "acme-vision/.mx/lock"));
    }

    [Theory]
    [InlineData("docs")]
    [InlineData("infra/pulumi/cluster")]
    [InlineData(".mx")]
    public void A_directory_symlinked_outside_the_project_is_never_written_through(string linked)
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var outside = Path.Combine(scenario.Path, "outside");
        Directory.Move(Path.Combine(scenario.Project, linked), outside);
        Directory.CreateSymbolicLink(Path.Combine(scenario.Project, linked), outside);
        var outsideBefore = scenario.Tree(outside);

        var result = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", "cloud-sql");

        if (linked == ".mx") CliScenario.AssertBadInput(result, "symbolic link", "Nothing was written");
        else CliScenario.AssertBadInput(result, $"{linked.Split('/')[0]}", "is a symbolic link", "Nothing was written");
        Assert.Equal(outsideBefore, scenario.Tree(outside));
    }
}
