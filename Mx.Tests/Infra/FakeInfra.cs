using System.Diagnostics;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Infra;

/// <summary>
/// A generated acme-vision project and a PATH that holds only fake tools (Fakes/fake_tool.py behind a launcher
/// per tool), so the built mx runs against them exactly as it would against the real ones. The fakes record
/// every call in a log the test reads back.
/// </summary>
public sealed class FakeInfra : IDisposable
{
    public static readonly string[] AllTools = ["pulumi", "gcloud", "kubectl", "gke-gcloud-auth-plugin"];

    private static readonly string FakeScript = Path.Combine(AppContext.BaseDirectory, "Fakes", "fake_tool.py");
    private static readonly Lazy<string> Python = new(FindPython);

    private readonly TempDirectory _dir = new();

    /// <param name="generateOptions">Options added to README's generate command, e.g. <c>--mlflow-database cloud-sql</c>.</param>
    public FakeInfra(string scenario = "fresh", string[]? tools = null, bool withPython = false, string[]? generateOptions = null)
    {
        Scenario = scenario;
        Bin = _dir.Combine("bin");
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(_dir.Combine("fake-state"));
        foreach (var tool in tools ?? AllTools) Install(tool, $"exec '{Python.Value}' '{FakeScript}' {tool} \"$@\"");
        if (withPython) Install("python3", $"exec '{Python.Value}' \"$@\"");
        var generated = MxProcess.Run(_dir.Path, [.. CliScenario.AcmeVision, .. generateOptions ?? []]);
        Assert.True(generated.ExitCode == 0, generated.All);
    }

    public string Scenario { get; set; }
    public string Bin { get; }
    public string Project => _dir.Combine("acme-vision");
    public string LogPath => _dir.Combine("calls.jsonl");
    public string LocalBackend => "file://" + _dir.Combine("backend");
    public string ProgramDirectory(string program) => Path.Combine(Project, "infra", "pulumi", program);

    /// <summary>Variables to set for mx; null removes one the test runner may have.</summary>
    public Dictionary<string, string?> Environment => new()
    {
        ["PATH"] = Bin,
        ["MX_FAKE_LOG"] = LogPath,
        ["MX_FAKE_STATE"] = _dir.Combine("fake-state"),
        ["MX_FAKE_SCENARIO"] = Scenario,
        ["PULUMI_CONFIG_PASSPHRASE"] = "correct horse battery staple",
        ["PULUMI_CONFIG_PASSPHRASE_FILE"] = null,
        ["PULUMI_BACKEND_URL"] = null,
        ["NO_COLOR"] = "1",
    };

    public MxProcess.Result Mx(params string[] args) => Mx(Environment, args);

    public MxProcess.Result Mx(Dictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mx {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new MxProcess.Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Starts mx without waiting, for tests that signal it.</summary>
    public Process Start(Dictionary<string, string?> environment, params string[] args) => MxProcess.Launch(Project, environment, args);

    /// <summary>The resource counts of the summary event a fixture ends with, as pulumi would report them.</summary>
    public static IReadOnlyDictionary<string, int> FixtureSummary(string scenario, string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fakes", "events", scenario, fixture);
        var summary = File.ReadLines(path).Select(global::Mx.Pulumi.Events.EngineEventParser.Parse).OfType<global::Mx.Pulumi.Events.SummaryEvent>().Single();
        return summary.ResourceChanges;
    }

    public IReadOnlyList<FakeCall> Calls() =>
        File.Exists(LogPath) ? File.ReadAllLines(LogPath).Where(l => l.Length > 0).Select(FakeCall.Parse).ToArray() : [];

    public IReadOnlyList<FakeCall> Calls(string tool) => Calls().Where(c => c.Tool == tool).ToArray();

    public string State => File.ReadAllText(Path.Combine(Project, ".mx", "state.yaml"));

    private void Install(string name, string command)
    {
        var path = Path.Combine(Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + command + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead |
                                   UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    // The fakes run with a PATH that holds only themselves, so they name the interpreter by its full path.
    private static string FindPython()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import sys; print(sys.executable)"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var path = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.True(File.Exists(path), "the fake tools need python3 on PATH");
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
