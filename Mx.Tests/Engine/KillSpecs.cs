using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Generators.Internal;
using Mx.Tests.Support;
using Xunit.Abstractions;

namespace Mx.Tests.Engine;

/// <summary>
/// <c>kill -9</c> at every file-system step of a run, injected with strace at the n-th rename, unlink or mkdir
/// (the calls that change the tree), and at random moments: afterwards the project is exactly as before or
/// exactly as after, its state parses, no staging is left, and the next run succeeds and ends as planned.
/// </summary>
public class KillSpecs(ITestOutputHelper output)
{
    private static readonly string[] Syscalls = ["rename", "unlink", "mkdir"];

    private static GenerationService Service => new(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);

    private static readonly Answers Defaults = Answers.Empty.With("project_name", "demo");

    // Generated in-process once per scenario: the tree before the run, and the tree a run that is not killed leaves.
    private sealed record Scenario(SortedDictionary<string, string> Before, SortedDictionary<string, string> After, string[] Command, Answers NextRunFlags);

    private static Scenario Prepare(TempDirectory dir, Answers setup, string[] command, Answers flags, Action<string>? edit = null)
    {
        var project = Path.Combine(dir.Path, "template");
        Service.Generate(new GenerateRequest("MLProjectSkeleton", dir.Path) { Output = "template", Flags = Defaults.WithAll(setup) });
        edit?.Invoke(project);
        var before = Tree(project);
        var expected = Path.Combine(dir.Path, "expected");
        DirectoryCopy.Copy(project, expected);
        var result = MxProcess.Run(expected, command);
        Assert.True(result.ExitCode == 0, result.All);
        return new Scenario(before, Tree(expected), command, flags);
    }

    public static TheoryData<string, int> Changes => new() { { "to-cloud-sql", 30 }, { "to-in-cluster", 30 }, { "update", 10 } };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_kill_at_any_step_leaves_the_project_before_or_after_and_the_next_run_finishes(string change, int crashPoints)
    {
        using var dir = new TempDirectory();
        var scenario = change switch
        {
            "to-cloud-sql" => Prepare(dir, Answers.Empty, ["generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", "cloud-sql"],
                Answers.Empty.With("mlflow_database", "cloud-sql")),
            "to-in-cluster" => Prepare(dir, Answers.Empty.With("mlflow_database", "cloud-sql"),
                ["generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", "in-cluster"], Answers.Empty),
            _ => Prepare(dir, Answers.Empty, ["update", "--no-input"], Answers.Empty, OlderTemplates),
        };
        var injections = 0;
        foreach (var syscall in Syscalls)
        {
            for (var n = 1; ; n++)
            {
                var project = Path.Combine(dir.Path, $"{syscall}-{n}");
                DirectoryCopy.Copy(Path.Combine(dir.Path, "template"), project);
                var run = MxProcess.RunWrapped(project, "strace",
                    ["-f", "-qq", "-o", "/dev/null", "-e", $"trace={syscall}", "-e", $"inject={syscall}:signal=KILL:when={n}"], scenario.Command);
                if (run.ExitCode == 0)
                {
                    // The run made fewer than n such calls: every crash point of this kind was covered.
                    Assert.Equal(scenario.After, Tree(project));
                    break;
                }
                injections++;
                AssertRecovers(project, scenario, $"{syscall} #{n}");
                Directory.Delete(project, recursive: true);
            }
        }
        Assert.True(injections >= crashPoints, $"only {injections} crash points were reached");
        output.WriteLine($"{change}: {injections} kills injected");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_kill_while_creating_a_project_leaves_nothing_behind_and_the_retry_creates_it(bool intoEmptyDirectory)
    {
        using var dir = new TempDirectory();
        string[] command = ["generate", "MLProjectSkeleton", "--name", "demo", "--no-input", .. intoEmptyDirectory ? new[] { "--output", "demo" } : []];
        var expected = Path.Combine(dir.Path, "expected");
        Directory.CreateDirectory(expected);
        Assert.Equal(0, MxProcess.Run(expected, command).ExitCode);
        var after = Tree(Path.Combine(expected, "demo"));
        var injections = 0;
        foreach (var syscall in Syscalls)
        {
            for (var n = 1; ; n++)
            {
                var work = Path.Combine(dir.Path, $"{syscall}-{n}");
                Directory.CreateDirectory(intoEmptyDirectory ? Path.Combine(work, "demo") : work);
                var run = MxProcess.RunWrapped(work, "strace",
                    ["-f", "-qq", "-o", "/dev/null", "-e", $"trace={syscall}", "-e", $"inject={syscall}:signal=KILL:when={n}"], command);
                if (run.ExitCode == 0) break;
                injections++;
                var retry = MxProcess.Run(work, command);
                Assert.True(retry.ExitCode == 0, $"the retry after a kill at {syscall} #{n} failed: {retry.All}");
                Assert.Equal(after, Tree(Path.Combine(work, "demo")));
                Assert.Equal(["demo"], Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName));
                Assert.Empty(Directory.EnumerateDirectories(Path.Combine(work, "demo", ".mx")));
                Directory.Delete(work, recursive: true);
            }
        }
        Assert.True(injections >= 3, $"only {injections} crash points were reached");
        output.WriteLine($"creating {(intoEmptyDirectory ? "into an empty directory" : "a new directory")}: {injections} kills injected");
    }

    [Fact]
    public void Kills_at_random_moments_leave_the_project_before_or_after_and_the_next_run_finishes()
    {
        using var dir = new TempDirectory();
        var scenario = Prepare(dir, Answers.Empty, ["generate", "MLProjectSkeleton", "--no-input", "--mlflow-database", "cloud-sql"],
            Answers.Empty.With("mlflow_database", "cloud-sql"));
        var random = new Random(20261204);
        for (var i = 0; i < 60; i++)
        {
            var project = Path.Combine(dir.Path, $"random-{i}");
            DirectoryCopy.Copy(Path.Combine(dir.Path, "template"), project);
            // timeout's KILL lands anywhere in a run: start-up, planning, or the middle of the apply.
            var delay = (0.15 + random.NextDouble() * 0.6).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
            MxProcess.RunWrapped(project, "timeout", ["-s", "KILL", delay], scenario.Command);
            AssertRecovers(project, scenario, $"kill after {delay} s");
            Directory.Delete(project, recursive: true);
        }
    }

    private static void AssertRecovers(string project, Scenario scenario, string where)
    {
        using (ProjectLock.Acquire(project)) ProjectTransaction.Recover(project);
        var tree = Tree(project);
        Assert.True(tree.SequenceEqual(scenario.Before) || tree.SequenceEqual(scenario.After),
            $"after a kill at {where} the project is neither as before nor as after: " +
            string.Join(", ", tree.Keys.Except(scenario.Before.Keys).Concat(scenario.Before.Keys.Except(tree.Keys)).Concat(
                tree.Keys.Intersect(scenario.Before.Keys).Where(k => tree[k] != scenario.Before[k] && (!scenario.After.TryGetValue(k, out var a) || a != tree[k])))));
        Assert.NotNull(StateFile.Load(project));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(project, ".mx")));

        var next = MxProcess.Run(project, scenario.Command);
        Assert.True(next.ExitCode == 0, $"the run after a kill at {where} failed: {next.All}");
        Assert.Equal(scenario.After, Tree(project));
    }

    // As if an older mx had written the project: one file's recorded render differs from today's templates.
    private static void OlderTemplates(string project) =>
        OlderRender.Record(project, "Dockerfile", File.ReadAllText(Path.Combine(project, "Dockerfile")) + "# written by an older template\n");

    // The lock file outlives a killed process (it is removed on close); it holds nothing and git ignores it.
    private static SortedDictionary<string, string> Tree(string root) => DirectorySnapshot.Read(root, path => path != ".mx/lock");
}
