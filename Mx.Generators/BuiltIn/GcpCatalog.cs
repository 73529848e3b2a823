using System.Globalization;
using System.Text.Json;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// Which GCP regions mx knows, which GPU types each zone offers, and the machine type that carries a given
/// number of each GPU. The table is data (<c>Data/gcp-accelerators.json</c>, with its sources) so that it can be
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
        const string Resource = "data/gcp-accelerators.json";
        using var stream = typeof(GcpCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;

        var gpus = root.GetProperty("gpus").EnumerateObject().ToDictionary(
            g => g.Name,
            g => new Gpu(
                g.Value.GetProperty("display").GetString()!,
                g.Value.GetProperty("machine_types").EnumerateObject()
                    .ToDictionary(m => int.Parse(m.Name, CultureInfo.InvariantCulture), m => m.Value.GetString()!)));
        var regions = root.GetProperty("regions").EnumerateObject().ToDictionary(
            r => r.Name,
            r => new Region(
                List(r.Value.GetProperty("zones")),
                r.Value.GetProperty("gpus").EnumerateObject().Where(g => gpus.ContainsKey(g.Name))
                    .ToDictionary(g => g.Name, g => (IReadOnlyList<string>)List(g.Value))));
        return new GcpCatalog(regions, gpus);
    }

    private static string[] List(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();
}
