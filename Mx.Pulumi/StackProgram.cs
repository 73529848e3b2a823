namespace Mx.Pulumi;

/// <summary>
/// One Pulumi program of the project (<c>infra/pulumi/&lt;Name&gt;</c>): <c>cluster</c> (GCP) or <c>platform</c>
/// (Kubernetes). <paramref name="PulumiProject"/> is the <c>name:</c> of its Pulumi.yaml.
/// </summary>
public sealed record StackProgram(string Name, string Directory, string PulumiProject)
{
    public const string Cluster = "cluster";
    public const string Platform = "platform";

    /// <summary>The order <c>mx up</c> runs them: the platform reads the cluster's outputs.</summary>
    public static readonly IReadOnlyList<string> UpOrder = [Cluster, Platform];

    public string StackFile(string stack) => Path.Combine(Directory, $"Pulumi.{stack}.yaml");
}
