namespace Mx.Lint;

/// <summary>The outcome of a lint run, in a deterministic order (path, line, column, rule).</summary>
public sealed record LintReport(string Root, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notices)
{
    /// <summary>Files in the run's scope that were linted.</summary>
    public int FilesLinted { get; init; }

    /// <summary>Files whose rules ran in this run; the rest came from the cache unchanged.</summary>
    public int FilesChecked { get; init; }

    public int FilesFromCache { get; init; }

    public IReadOnlyList<AppliedFix> Fixes { get; init; } = [];

    /// <summary>Set when this run wrote a new baseline: the number of findings it recorded.</summary>
    public int? BaselineRecorded { get; init; }

    public IEnumerable<Finding> Active => Findings.Where(f => !f.IsSuppressed);

    public IEnumerable<Finding> Suppressed => Findings.Where(f => f.IsSuppressed);

    public int Count(Severity severity) => Active.Count(f => f.Severity == severity);

    /// <summary>0 when no unsuppressed error-level finding is left, 1 otherwise.</summary>
    public int ExitCode => Findings.Any(f => f.Fails) ? 1 : 0;
}
