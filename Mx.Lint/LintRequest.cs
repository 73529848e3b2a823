namespace Mx.Lint;

/// <summary>What <c>mx lint</c> was asked to do.</summary>
/// <param name="WorkingDirectory">Where relative <see cref="Paths"/> and <see cref="BaselinePath"/> start.</param>
public sealed record LintRequest(string WorkingDirectory)
{
    /// <summary>Files and directories to lint; empty means the whole project.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Apply the safe fixes, then report what is left.</summary>
    public bool Fix { get; init; }

    /// <summary>The baseline file: recorded when absent, and its findings accepted when present.</summary>
    public string? BaselinePath { get; init; }

    public bool UseCache { get; init; } = true;

    /// <summary>The date suppressions' <c>until=</c> is compared with.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.Now);
}
