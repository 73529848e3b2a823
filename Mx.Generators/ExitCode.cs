namespace Mx.Generators;

/// <summary>mx's exit codes, the one place they are defined (DESIGN §6).</summary>
public enum ExitCode
{
    Success = 0,
    /// <summary>The operation ran and failed: lint findings, a failed pulumi run.</summary>
    Failed = 1,
    /// <summary>Bad input or a missing prerequisite; nothing was changed.</summary>
    BadInput = 2,
    /// <summary>Files the user changed would be overwritten; nothing was written.</summary>
    Conflict = 3,
    /// <summary>
    /// A wait the user limited ran out: a queued job was not admitted within <c>mx run --max-wait</c>. 124, as
    /// timeout(1) exits, a code a trainer's own exit code (which <c>mx run</c> passes on) rarely is.
    /// </summary>
    TimedOut = 124,
    Interrupted = 130,
}
