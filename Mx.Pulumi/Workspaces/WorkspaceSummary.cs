namespace Mx.Pulumi.Workspaces;

/// <summary>One workspace as <c>mx workspace list</c> shows it.</summary>
/// <param name="State">running, starting or stopped (the home volume is kept, the pod is gone)</param>
/// <param name="GpuUtilisationPercent">the GPUs' average utilisation over the last 15 minutes, where GPU monitoring exists</param>
/// <param name="IdleWarnedAt">when the idle reaper warned the owner (annotation mx.dev/idle-warned-at), if it did</param>
public sealed record WorkspaceSummary(
    string Workspace, string Namespace, string Owner, string Shape, string State, DateTimeOffset Created, double AgeHours, decimal? GpuUtilisationPercent,
    string? IdleWarnedAt,
    double? IdleHoursSinceWarning, string? KeepUntil);
