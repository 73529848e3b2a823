namespace Mx.Lint.Internal;

/// <summary>
/// A GPU node pool a Pulumi program declares: its accelerator, GPUs per node and the most nodes it scales to
/// (a number, or the name of a Pulumi config value when the program writes <c>${name}</c>).
/// </summary>
internal sealed record GpuPool(string Name, string Accelerator, int GpusPerNode, int? MaxNodes, string? MaxNodesConfig)
{
    /// <summary>The labels its nodes carry as <c>key=value</c>, which a ResourceFlavor's nodeLabels select.</summary>
    public List<string> Labels { get; init; } = [];

    public static GpuPool? From(PulumiResource pool)
    {
        var accelerator = pool.Properties.At("nodeConfig", "guestAccelerators").Items().FirstOrDefault();
        if (accelerator.Get("type").Text() is not { } type) return null;
        var max = pool.Properties.At("autoscaling", "maxNodeCount") ?? pool.Properties.At("autoscaling", "totalMaxNodeCount") ?? pool.Properties.Get("nodeCount");
        var reference = max.Text() is { } text && text.StartsWith("${", StringComparison.Ordinal) && text.EndsWith('}') ? text[2..^1] : null;
        return new GpuPool(pool.Name, type, accelerator.Get("count").Int() ?? 1, max.Int(), reference);
    }
}
