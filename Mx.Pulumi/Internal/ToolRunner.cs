using System.Text;
using CliWrap;
using Mx.Generators;

namespace Mx.Pulumi.Internal;

/// <summary>
/// Runs external tools through CliWrap: finds them on PATH first (a missing tool is a clear error, not an
/// exception from the OS), never lets them read the terminal, streams standard output line by line, and turns
/// a forwarded interrupt into <see cref="ToolResult.Interrupted"/>.
/// </summary>
internal sealed class ToolRunner(Func<string, string?> environment)
{
    public static readonly ToolRunner Default = new(System.Environment.GetEnvironmentVariable);

    public Func<string, string?> Environment { get; } = environment;

    /// <summary>The tool's full path, or null when no directory on PATH holds an executable of that name.</summary>
    public string? Find(Tool tool) => Find(tool.Command, Environment("PATH"));

    public static string? Find(string command, string? path)
    {
        // A command given by its full path (one found on PATH before) is used as it is.
        if (Path.IsPathRooted(command)) return IsExecutable(command) ? command : null;
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);

    public string Locate(Tool tool) => Find(tool) ?? throw ToolFailures.Missing(tool);

    public ToolResult Run(ToolInvocation invocation) => RunAsync(invocation, null, null).GetAwaiter().GetResult();

    /// <summary>Runs the tool and throws the mapped error unless it succeeded.</summary>
    public ToolResult RunChecked(ToolInvocation invocation) => ToolFailures.ThrowUnlessSucceeded(invocation, Run(invocation));

    public Task<ToolResult> RunAsync(ToolInvocation invocation, Action<string>? onOutputLine, Interruption? interruption) =>
        RunAsync(invocation, onOutputLine, interruption?.Forceful ?? CancellationToken.None, interruption?.Graceful ?? CancellationToken.None,
            () => interruption?.Requested == true);

    /// <summary>Runs the tool until it ends, or asks it to stop (SIGINT) when <paramref name="graceful"/> is cancelled.</summary>
    public Task<ToolResult> RunAsync(ToolInvocation invocation, Action<string>? onOutputLine, CancellationToken graceful) =>
        RunAsync(invocation, onOutputLine, CancellationToken.None, graceful, () => graceful.IsCancellationRequested);

    /// <summary>
    /// Runs an interactive tool (ssh) on mx's own terminal: standard input, output and error are inherited rather than
    /// piped, so the tool sees a terminal and allocates a pseudo-terminal; returns its exit code.
    /// </summary>
    public int RunAttached(ToolInvocation invocation)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Locate(invocation.Tool)) { UseShellExecute = false };
        foreach (var argument in invocation.Arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in EnvironmentOf(invocation))
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        if (invocation.WorkingDirectory is { } directory) start.WorkingDirectory = directory;
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>The tool's own environment, then the invocation's, which wins where both set a variable.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentOf(ToolInvocation invocation)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in invocation.Tool.Environment) environment[name] = value;
        foreach (var (name, value) in invocation.Environment) environment[name] = value;
        return environment;
    }

    private async Task<ToolResult> RunAsync(ToolInvocation invocation, Action<string>? onOutputLine,
        CancellationToken forceful, CancellationToken graceful, Func<bool> stopped)
    {
        var executable = Locate(invocation.Tool);
        var output = new StringBuilder();
        var error = new StringBuilder();
        var stdout = onOutputLine is null
            ? PipeTarget.ToStringBuilder(output)
            : PipeTarget.ToDelegate(line =>
            {
                output.AppendLine(line);
                onOutputLine(line);
            });
        var command = Cli.Wrap(executable)
            .WithArguments(invocation.Arguments)
            .WithEnvironmentVariables(EnvironmentOf(invocation))
            .WithStandardInputPipe(invocation.StandardInput is { } input ? PipeSource.FromString(input) : PipeSource.Null)
            .WithStandardOutputPipe(stdout)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
            .WithValidation(CommandResultValidation.None);
        if (invocation.WorkingDirectory is { } directory) command = command.WithWorkingDirectory(directory);
        try
        {
            var result = await command.ExecuteAsync(forceful, graceful);
            return new ToolResult(result.ExitCode, output.ToString(), error.ToString(), stopped());
        }
        catch (OperationCanceledException)
        {
            return new ToolResult(-1, output.ToString(), error.ToString(), Interrupted: true);
        }
    }
}
