namespace Mx.Pulumi;

/// <summary>How a tool run ended. <see cref="Interrupted"/> is set when mx forwarded an interrupt to it.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool Interrupted = false)
{
    public bool Succeeded => ExitCode == 0 && !Interrupted;
}
