namespace Mx.Pulumi.Queues;

/// <summary>
/// A ClusterQueue's workloads (<c>status.pendingWorkloads</c>, <c>reservingWorkloads</c>, <c>admittedWorkloads</c>)
/// and, per flavor and resource, its quota and what is reserved, used and borrowed from the cohort.
/// </summary>
public sealed record ClusterQueueView(string Name, string? Cohort, int Pending, int Reserving, int Admitted, IReadOnlyList<ResourceUse> Resources);
