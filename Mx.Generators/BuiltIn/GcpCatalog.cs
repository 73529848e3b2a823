using YamlDotNet.RepresentationModel;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// Which GCP regions mx knows, which GPU types each zone offers, and the machine type that carries a given
/// number of each GPU. The table is data (<c>Data/gcp-accelerators.yaml</c>, with its sources) so that it can be
/// refreshed without touching code.
/// </summary>
public sealed class GcpCatalog
{
    public static GcpCatalog Default { get; } = Load();

    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, Gpu> _gpus;

    private GcpCatalog(Dictionary<string, Region> regions, Dictionary<string, Gpu> gpus) => (_regions, _gpus) = (regions, gpus);

    public IReadOnlyList<string> Regions => _regions.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool HasRegion(string region) => _regions.ContainsKey(region);

    public IReadOnlyList<string> GpuTypesIn(string region) =>
        _regions.TryGetValue(region, out var r) ? r.GpuZones.Keys.Order(StringComparer.Ordinal).ToArray() : [];

    public IReadOnlyList<string> ZonesOffering(string region, string gpuType) =>
        _regions.TryGetValue(region, out var r) && r.GpuZones.TryGetValue(gpuType, out var zones) ? zones : [];

    public IReadOnlyList<string> ZonesOf(string region) => _regions.TryGetValue(region, out var r) ? r.Zones : [];

    public bool IsGpuType(string gpuType) => _gpus.ContainsKey(gpuType);

    public string DisplayName(string gpuType) => _gpus[gpuType].Display;

    /// <summary>GPUs-per-node counts for which a machine type exists.</summary>
    public IReadOnlyList<int> GpuCounts(string gpuType) =>
        _gpus.TryGetValue(gpuType, out var gpu) ? gpu.MachineTypes.Keys.Order().ToArray() : [];

    public string? MachineType(string gpuType, int count) =>
        _gpus.TryGetValue(gpuType, out var gpu) && gpu.MachineTypes.TryGetValue(count, out var type) ? type : null;

    private sealed record Region(IReadOnlyList<string> Zones, IReadOnlyDictionary<string, IReadOnlyList<string>> GpuZones);

    private sealed record Gpu(string Display, IReadOnlyDictionary<int, string> MachineTypes);

    private static GcpCatalog Load()
    {
        const string Resource = "data/gcp-accelerators.yaml";
        using var stream = typeof(GcpCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        var yaml = new YamlStream();
        yaml.Load(new StreamReader(stream));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var gpus = ((YamlMappingNode)root["gpus"]).Children.ToDictionary(
            g => Text(g.Key),
            g =>
            {
                var fields = (YamlMappingNode)g.Value;
                var machines = ((YamlMappingNode)fields["machine_types"]).Children
                    .ToDictionary(m => int.Parse(Text(m.Key)), m => Text(m.Value));
                return new Gpu(Text(fields["display"]), machines);
            });
        var regions = ((YamlMappingNode)root["regions"]).Children.ToDictionary(
            r => Text(r.Key),
            r =>
            {
                var fields = (YamlMappingNode)r.Value;
                var gpuZones = fields.Children.TryGetValue(new YamlScalarNode("gpus"), out var node) && node is YamlMappingNode map
                    ? map.Children.Where(g => gpus.ContainsKey(Text(g.Key)))
                        .ToDictionary(g => Text(g.Key), g => (IReadOnlyList<string>)List(g.Value))
                    : [];
                return new Region(List(fields["zones"]), gpuZones);
            });
        return new GcpCatalog(regions, gpus);
    }

    private static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? "";

    private static string[] List(YamlNode node) => ((YamlSequenceNode)node).Children.Select(Text).ToArray();
}
