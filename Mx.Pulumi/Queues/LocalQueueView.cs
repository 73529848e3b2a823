namespace Mx.Pulumi.Queues;

/// <summary>A LocalQueue of a namespace (a team's, or <c>training</c>), the ClusterQueue it feeds and its workloads.</summary>
public sealed record LocalQueueView(string Namespace, string Name, string ClusterQueue, int Pending, int Reserving, int Admitted);
