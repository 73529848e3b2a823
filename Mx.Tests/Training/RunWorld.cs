using System.Diagnostics;
using System.Text.Json.Nodes;
using Mx.Tests.Cli;
using Generators = Mx.Generators;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// A generated acme-vision project committed to git, and a PATH holding only fake docker, gcloud and kubectl
/// (Fakes/fake_run_tool.py) plus the real git, so the built mx runs jobs against them as against the real tools.
/// </summary>
public sealed class RunWorld : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _fakeScript;

    /// <param name="clusterUp">Whether mx up has run (state holds the cluster stack's outputs), as for every cluster command.</param>
    /// <param name="fakes">The script under Fakes/ that stands in for the tools.</param>
    public RunWorld(bool withDocker = true, bool clusterUp = true, string fakes = "fake_run_tool.py")
    {
        _fakeScript = Path.Combine(AppContext.BaseDirectory, "Fakes", fakes);
        var fakeScript = _fakeScript;
        Bin = _dir.Combine("bin");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(_dir.Combine("fake-state"));
        var python = Python.Value;
        foreach (var tool in withDocker ? new[] { "docker", "gcloud", "kubectl" } : ["gcloud", "kubectl"])
            Install(tool, $"exec '{python}' '{fakeScript}' {tool} \"$@\"");
        Install("git", $"exec '{Which("git")}' \"$@\"");
        var generated = MxProcess.Run(_dir.Path, CliScenario.AcmeVision);
        Assert.True(generated.ExitCode == 0, generated.All);
        if (clusterUp)
        {
            var state = Generators.StateFile.Load(Project)!;
            Generators.StateFile.Save(Project, state with
            {
                Infra = state.Infra with { Outputs = new Dictionary<string, string> { ["cluster.clusterName"] = "acme-vision" } },
            });
        }
        Git("init", "--quiet");
        Git("add", "-A");
        Git("-c", "user.name=mx tests", "-c", "user.email=tests@mx.invalid", "commit", "--quiet", "-m", "skeleton");
    }

    public string Bin { get; }
    public string Project => _dir.Combine("acme-vision");
    public string LogPath => _dir.Combine("calls.jsonl");
    public string FakeStatePath => _dir.Combine("fake-state");
    public Dictionary<string, string> Extra { get; } = new();

    public MxProcess.Result Mx(params string[] args) => MxProcess.Run(Project, ToolEnvironment(), args);

    /// <summary>Runs mx with <paramref name="input"/> piped to its standard input.</summary>
    public MxProcess.Result MxWithInput(string input, params string[] args) => MxProcess.RunWithInput(Project, ToolEnvironment(), input, args);

    private Dictionary<string, string> ToolEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Bin,
            ["MX_FAKE_LOG"] = LogPath,
            ["MX_FAKE_STATE"] = _dir.Combine("fake-state"),
            ["NO_COLOR"] = "1",
        };
        foreach (var (key, value) in Extra) environment[key] = value;
        return environment;
    }

    /// <summary>Starts mx without waiting for it, for tests that signal it.</summary>
    public Process Start(params string[] args)
    {
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = Bin,
            ["MX_FAKE_LOG"] = LogPath,
            ["MX_FAKE_STATE"] = _dir.Combine("fake-state"),
        };
        foreach (var (key, value) in Extra) environment[key] = value;
        return MxProcess.Launch(Project, environment, args);
    }

    /// <summary>Every recorded call of the fake tools, in order.</summary>
    public IReadOnlyList<(string Tool, string[] Argv, string? Stdin)> Calls() => File.Exists(LogPath)
        ? File.ReadAllLines(LogPath).Select(l => JsonNode.Parse(l)!).Select(n => (
            n["tool"]!.GetValue<string>(), n["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray(), n["stdin"]?.GetValue<string>())).ToArray()
        : [];

    /// <summary>Applies DistributedTraining with <paramref name="trainingOperator"/> and commits it, as a user would.</summary>
    public void GenerateDistributed(string trainingOperator)
    {
        var result = MxProcess.Run(Project, "generate", "DistributedTraining", "--operator", trainingOperator, "--no-input");
        Assert.True(result.ExitCode == 0, result.All);
        Git("add", "-A");
        Git("-c", "user.name=mx tests", "-c", "user.email=tests@mx.invalid", "commit", "--quiet", "-m", "distributed training");
    }

    /// <summary>
    /// Applies GpuQueues as in samples/acme-vision-queues (or with the GpuQueues arguments <paramref name="queues"/>), then
    /// runs each of <paramref name="commands"/> (mx team add ...), and commits.
    /// </summary>
    public void GenerateQueues(string[]? queues = null, params string[][] commands)
    {
        foreach (var args in new[] { queues ?? Queues.GpuQueuesCliSpecs.SampleArgs }.Concat(commands))
        {
            var result = MxProcess.Run(Project, args);
            Assert.True(result.ExitCode == 0, result.All);
        }
        Git("add", "-A");
        Git("-c", "user.name=mx tests", "-c", "user.email=tests@mx.invalid", "commit", "--quiet", "-m", "queues");
    }

    /// <summary>
    /// A runner for mx's services called in this process (with a fake clock): the fakes' environment, <see cref="Extra"/>
    /// included, is written into their wrappers, since tests running in parallel cannot share this process's.
    /// </summary>
    internal Mx.Pulumi.Internal.ToolRunner InProcessRunner()
    {
        var environment = new Dictionary<string, string> { ["MX_FAKE_LOG"] = LogPath, ["MX_FAKE_STATE"] = _dir.Combine("fake-state") };
        foreach (var (key, value) in Extra) environment[key] = value;
        var exports = string.Concat(environment.Select(e => $"export {e.Key}='{e.Value}'\n"));
        foreach (var tool in new[] { "docker", "gcloud", "kubectl" })
            if (File.Exists(Path.Combine(Bin, tool)))
                Install(tool, exports + $"exec '{Python.Value}' '{_fakeScript}' {tool} \"$@\"");
        return new Mx.Pulumi.Internal.ToolRunner(name => name == "PATH" ? Bin : null);
    }

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output.Trim();
    }

    /// <summary>
    /// Puts a fake <c>python</c> on the PATH for <c>mx run --local</c>: Fakes/fake_local_python.py, which records what
    /// it was started with and what the tracking server answered during the run.
    /// </summary>
    public void InstallLocalPython() =>
        Install("python", $"exec '{Python.Value}' '{Path.Combine(AppContext.BaseDirectory, "Fakes", "fake_local_python.py")}' \"$@\"");

    /// <summary>Puts one more tool of the world's fake script on the PATH (xdg-open for mx open).</summary>
    public void InstallFake(string tool) => Install(tool, $"exec '{Python.Value}' '{_fakeScript}' {tool} \"$@\"");

    private void Install(string tool, string body)
    {
        var path = Path.Combine(Bin, tool);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    // python3 on PATH may be a shell shim that needs more than the fakes' PATH: the interpreter itself is used.
    private static readonly Lazy<string> Python = new(() =>
    {
        var start = new ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var path = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(File.Exists(path), "the fake tools need python3 on PATH");
        return path;
    });

    private static string Which(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{command} is not on PATH; the mx run tests need it.");

    public void Dispose() => _dir.Dispose();
}
