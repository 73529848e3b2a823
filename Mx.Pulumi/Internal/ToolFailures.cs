using Mx.Generators;

namespace Mx.Pulumi.Internal;

/// <summary>
/// The one place where a failed run of an external tool becomes an <see cref="MxException"/>: the tool's own
/// message, what mx was doing, and what to try.
/// </summary>
internal static class ToolFailures
{
    /// <summary>The text of a self-managed backend's lock error (pulumi <c>pkg/backend/diy/lock.go</c>).</summary>
    public const string StaleLockText = "the stack is currently locked by";

    /// <summary>Whether kubectl said its kube context is missing or the cluster does not answer: a missing prerequisite, not a failure.</summary>
    public static bool ClusterUnreachable(string kubectlError) =>
        kubectlError.Contains("context was not found for specified context", StringComparison.Ordinal)
        || kubectlError.Contains("Unable to connect to the server", StringComparison.Ordinal)
        || kubectlError.Contains("The connection to the server", StringComparison.Ordinal);

    public static MxException Missing(Tool tool) =>
        new($"{tool.Command} is not installed: no directory on PATH holds it. {tool.Install}", ExitCode.BadInput);

    public static ToolResult ThrowUnlessSucceeded(ToolInvocation invocation, ToolResult result) =>
        result.Succeeded ? result : throw Failed(invocation, result);

    public static MxException Failed(ToolInvocation invocation, ToolResult result)
    {
        if (result.Interrupted)
            return new MxException($"Interrupted while {invocation.Doing}; {invocation.Tool.Command} stopped cleanly. " +
                "Run the same command again to continue.", ExitCode.Interrupted);
        var said = ToolMessage(result);
        if (invocation.Tool == Tool.Pulumi && said.Contains(StaleLockText, StringComparison.Ordinal))
            return StaleLock(invocation, said);
        var what = said.Length > 0 ? $"{invocation.Tool.Command} said:\n{Indent(said)}\n" : $"{invocation.Tool.Command} exited with code {result.ExitCode} and printed no error.\n";
        return new MxException($"{Capitalize(invocation.Doing)} failed. {what}{invocation.Remedy}", ExitCode.Failed);
    }

    private static MxException StaleLock(ToolInvocation invocation, string said)
    {
        var stack = ArgumentAfter(invocation.Arguments, "--stack") ?? "<stack>";
        var backend = invocation.Environment.TryGetValue(PulumiEnvironment.BackendUrl, out var url) ? $"{PulumiEnvironment.BackendUrl}={url} " : "";
        var cancel = string.Join(' ', PulumiArguments.Cancel(stack));
        return new MxException(
            $"{Capitalize(invocation.Doing)} failed: the stack '{stack}' is locked. A pulumi run that was killed (for example an mx up " +
            $"whose terminal closed) leaves its lock behind, and a lock never expires. If no one else is running mx up or pulumi " +
            $"on this stack now, remove the lock and run the command again:\n" +
            $"  cd {invocation.WorkingDirectory ?? "."} && {backend}pulumi {cancel}\n" +
            $"pulumi said:\n{Indent(said)}", ExitCode.Failed);
    }

    /// <summary>What the tool printed about its failure: its standard error, or its output when that is empty.</summary>
    private static string ToolMessage(ToolResult result)
    {
        var text = result.StandardError.Trim().Length > 0 ? result.StandardError : result.StandardOutput;
        var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToArray();
        // Long outputs end with the error; the start is progress the user already saw.
        return string.Join('\n', lines.Length > 25 ? lines[^25..] : lines);
    }

    private static string? ArgumentAfter(IReadOnlyList<string> arguments, string flag)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
            if (arguments[i] == flag) return arguments[i + 1];
        return null;
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Select(l => "  " + l));

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
