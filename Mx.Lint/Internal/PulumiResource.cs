using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>A resource of a Pulumi YAML program: its logical name, type token, properties and options.</summary>
internal sealed record PulumiResource(string Name, string Type, YamlNode Node, YamlNode KeyNode)
{
    public YamlNode? Properties => Node.Get("properties");
    public YamlNode? Options => Node.Get("options");
    public int Line => KeyNode.Line();
    public int Column => KeyNode.Column();

    public bool Is(string type) => string.Equals(Type, type, StringComparison.OrdinalIgnoreCase);

    /// <summary>GPU node pools are the ones that attach accelerators to their nodes.</summary>
    public bool IsGpuNodePool => Is("gcp:container:NodePool") && Properties.At("nodeConfig", "guestAccelerators").Items().Any();

    public static IReadOnlyList<PulumiResource> In(YamlNode? program) =>
        program.Get("resources").Entries()
            .Where(e => e.Value.Get("type").Text() is not null)
            .Select(e => new PulumiResource(e.Key, e.Value.Get("type").Text()!, e.Value, e.KeyNode))
            .ToList();
}
