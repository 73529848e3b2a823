namespace Mx.Pulumi.Queues;

/// <summary>
/// <c>mx queue status JOB</c>'s answer: the job's Workload, its state and why, its queue and priority, and while
/// it waits its place (from 0, the next to be admitted) among the pending workloads of its ClusterQueue and of its
/// LocalQueue, from Kueue's visibility API.
/// </summary>
public sealed record QueuedJob(
    string Job, string Kind, string Namespace, string Workload, string? Queue, string? ClusterQueue, string State, string? Reason,
    string? PriorityClass, int? Priority, int? PositionInClusterQueue, int? PositionInLocalQueue)
{
    /// <summary>Why the position is unknown while the job waits (the visibility API did not answer), else null.</summary>
    public string? PositionUnavailable { get; init; }
}
