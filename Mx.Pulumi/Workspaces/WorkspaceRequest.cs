namespace Mx.Pulumi.Workspaces;

/// <summary>What <c>mx workspace create</c> was asked for; null values take the defaults.</summary>
public sealed record WorkspaceRequest(string? Name, string? Shape, int? Gpus, bool CpuOnly, string? PublicKeyFile, string? Image);
