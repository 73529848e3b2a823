namespace Mx.Pulumi.Queues;

/// <summary>
/// Where a job's Kueue Workload is, from its conditions (Kueue v0.19.2 <c>workload_types.go</c>): waiting for quota,
/// holding quota while admission checks run (a flex-start node being provisioned), admitted (running), put back in
/// the queue by an eviction, or finished.
/// </summary>
public enum WorkloadState
{
    Pending,
    QuotaReserved,
    Admitted,
    Evicted,
    Finished,
}
