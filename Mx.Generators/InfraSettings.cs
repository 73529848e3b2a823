namespace Mx.Generators;

/// <summary>
/// How <c>mx up</c> and friends reach the project's infrastructure: the Pulumi backend and stack last used, and
/// the stack outputs mx stored after the last successful run (keyed <c>&lt;program&gt;.&lt;output&gt;</c>, e.g.
/// <c>cluster.clusterName</c>).
/// </summary>
public sealed record InfraSettings
{
    public static readonly InfraSettings Empty = new();

    public string? Backend { get; init; }
    public string? Stack { get; init; }
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
