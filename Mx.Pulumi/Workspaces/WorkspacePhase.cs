namespace Mx.Pulumi.Workspaces;

/// <summary>One phase of a workspace's start and how long it took, as <c>mx workspace create --json</c> reports it.</summary>
/// <param name="Phase">applied, queued, node-scaling-up, waiting-for-node, pulling-image, starting-sshd or ready</param>
public sealed record WorkspacePhase(string Phase, string Detail, double Seconds);
