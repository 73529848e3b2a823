using System.Globalization;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// Which GCP regions mx knows, which GPU types each zone offers, and the machine type that carries a given
/// number of each GPU. The table is data (<c>Data/gcp-accelerators.txt</c>, with its sources) so that it can be
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
        const string Resource = "data/gcp-accelerators.txt";
        using var stream = typeof(GcpCatalog).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        var gpus = new Dictionary<string, Gpu>(StringComparer.Ordinal);
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('|', StringSplitOptions.TrimEntries);
            switch (fields)
            {
                case ["gpu", var type, var display, var machines]:
                    gpus.Add(type, new Gpu(display, Pairs(machines).ToDictionary(
                        m => int.Parse(m.Key, CultureInfo.InvariantCulture), m => m.Value)));
                    break;
                case ["region", var name, var zones, var offers]:
                    var gpuZones = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var (type, offering) in Pairs(offers))
                        gpuZones.Add(gpus.ContainsKey(type) ? type : throw Invalid(number, $"unknown accelerator type '{type}'"), offering.Split(','));
                    regions.Add(name, new Region(zones.Split(' ', StringSplitOptions.RemoveEmptyEntries), gpuZones));
                    break;
                default:
                    throw Invalid(number, "expected 'gpu | type | display | n=machine ...' or 'region | name | zones | type=zone,zone ...'");
            }
        }
        return new GcpCatalog(regions, gpus);

        IEnumerable<KeyValuePair<string, string>> Pairs(string field) =>
            field.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split('=') is [var key, var value]
                ? KeyValuePair.Create(key, value)
                : throw Invalid(number, $"'{pair}' is not key=value"));
    }

    private static InvalidOperationException Invalid(int line, string problem) =>
        new($"data/gcp-accelerators.txt({line}): {problem}");
}
