namespace Mx.Pulumi.Queues;

/// <summary><c>mx queue list</c>'s answer: every ClusterQueue, and every namespace's LocalQueues.</summary>
public sealed record QueueOverview(IReadOnlyList<ClusterQueueView> ClusterQueues, IReadOnlyList<LocalQueueView> LocalQueues);
