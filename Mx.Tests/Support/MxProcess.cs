using System.Diagnostics;

namespace Mx.Tests.Support;

/// <summary>Runs the built mx as a separate process, the way a user runs it, and captures what it prints.</summary>
public static class MxProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    private static readonly string MxDll = Path.Combine(AppContext.BaseDirectory, "mx.dll");

    /// <summary>A command line that runs the built mx, for a script to start it (an ssh ProxyCommand, a fake's wrapper).</summary>
    public static string CommandLine => $"'{DotnetHost.Value}' '{MxDll}'";

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Start(workingDirectory, environment, asUnprivilegedUser: false, args);

    /// <summary>Runs mx with <paramref name="input"/> on its standard input, as a shell pipe would.</summary>
    public static Result RunWithInput(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string input, params string[] args) =>
        Start(workingDirectory, environment, asUnprivilegedUser: false, args, input: input);

    /// <summary>
    /// Runs mx as an unprivileged user when the tests run as root, for tests about permissions (root may
    /// write anywhere, so a read-only directory is only read-only to someone else).
    /// </summary>
    public static Result RunUnprivileged(string workingDirectory, params string[] args) =>
        Start(workingDirectory, null, asUnprivilegedUser: Environment.UserName == "root", args);

    /// <summary>
    /// Starts mx without waiting for it, for tests that signal it or read its output as it comes; a null value
    /// removes that variable from mx's environment.
    /// </summary>
    public static Process Launch(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        // A test runner started in the background (`dotnet test &`) passes SIGINT on as ignored, and the runtime
        // keeps an inherited ignore; env restores the default so mx sees the Ctrl+C the test sends, as on a terminal.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--default-signal=INT", DotnetHost.Value, MxDll }) start.ArgumentList.Add(arg);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Runs mx under another program that takes a command line, such as strace.</summary>
    public static Result RunWrapped(string workingDirectory, string wrapper, IEnumerable<string> wrapperArgs, params string[] args) =>
        Start(workingDirectory, null, asUnprivilegedUser: false, args, [wrapper, .. wrapperArgs]);

    // The tests' own host, found before a test puts its fake tools' directory in place of PATH.
    private static readonly Lazy<string> DotnetHost = new(() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? host
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet");

    private static readonly Lazy<string> WorldReadableMx = new(CopyMxForOtherUsers);

    private static Result Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, bool asUnprivilegedUser, string[] args,
        string[]? wrapper = null, string? input = null)
    {
        var start = new ProcessStartInfo(wrapper?[0] ?? (asUnprivilegedUser ? "setpriv" : "dotnet"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (wrapper is not null)
            foreach (var arg in wrapper.Skip(1).Append(DotnetHost.Value)) start.ArgumentList.Add(arg);
        if (asUnprivilegedUser)
            foreach (var arg in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" }) start.ArgumentList.Add(arg);
        start.ArgumentList.Add(asUnprivilegedUser ? WorldReadableMx.Value : MxDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        if (asUnprivilegedUser) start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        if (input is not null) process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mx {string.Join(' ', args)} did not finish within 2 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    // The build output may sit under a directory only root can enter (a CI clone in a mktemp dir), so the
    // unprivileged user gets its own copy of mx and the assemblies its deps.json names.
    private static string CopyMxForOtherUsers()
    {
        var target = Path.Combine(Path.GetTempPath(), "mx-tests-bin-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(target);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(target, recursive: true);
        var source = AppContext.BaseDirectory;
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(source, "mx.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0] + ".dll");
        foreach (var file in libraries.Concat(["mx.dll", "mx.deps.json", "mx.runtimeconfig.json"]).Distinct())
            if (File.Exists(Path.Combine(source, file))) File.Copy(Path.Combine(source, file), Path.Combine(target, file));
        return Path.Combine(target, "mx.dll");
    }
}
