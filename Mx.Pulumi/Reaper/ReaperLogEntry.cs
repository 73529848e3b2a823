namespace Mx.Pulumi.Reaper;

/// <summary>One thing the idle reaper did (or, in a dry run, would have done) to a GPU workload, and why.</summary>
public sealed record ReaperLogEntry(
    DateTimeOffset Time,
    string Action,
    bool DryRun,
    string Kind,
    string Namespace,
    string Name,
    string? Owner,
    int IdleWorkHours,
    string Reason,
    string Outcome);
