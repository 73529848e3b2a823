namespace Mx.Pulumi.Workspaces;

/// <summary>A workspace that is ready, where it runs, the ssh host that reaches it and how long each phase of its start took.</summary>
public sealed record WorkspaceCreated(
    string Workspace, string Namespace, string Owner, string Shape, string Image, string SshHost, string SshConfig, bool IncludeInUserConfig,
    IReadOnlyList<WorkspacePhase> Phases, double TotalSeconds);
