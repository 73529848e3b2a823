namespace Mx.Pulumi.Queues;

/// <summary>
/// One resource of one flavor of a ClusterQueue, as Kubernetes quantities: the nominal quota
/// (<c>spec.resourceGroups</c>), the quota reserved by workloads (<c>status.flavorsReservation</c>), the quota of
/// admitted workloads (<c>status.flavorsUsage</c>), and how much of that is borrowed from the cohort.
/// </summary>
public sealed record ResourceUse(string Flavor, string Resource, string Nominal, string Reserved, string Used, string Borrowed);
