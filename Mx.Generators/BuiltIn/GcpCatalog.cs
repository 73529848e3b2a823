using System.Globalization;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// Which GCP regions mx knows, which GPU types each zone offers, and the machine type that carries a given
/// number of each GPU. The table is data (<c>Data/gcp-accelerators.txt</c>, with its sources) so that it can be
/// refreshed without touching code.
/// </summary>
internal sealed class GcpCatalog
{
    public static GcpCatalog Default { get; } = Load();

    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, Gpu> _gpus;

    private GcpCatalog(Dictionary<string, Region> regions, Dictionary<string, Gpu> gpus) => (_regions, _gpus) = (regions, gpus);

    public IReadOnlyList<string> Regions => _regions.Keys.Order(StringComparer.Ordinal).ToArray();

    public bool HasRegion(string region) => _regions.ContainsKey(region);

    /// <summary>The regions with at least one GPU type: a project's GPU pool can live only there.</summary>
    public IReadOnlyList<string> RegionsWithGpus
    {
        get
        {
            var regions = new List<string>();
            foreach (var (name, region) in _regions)
                if (region.GpuZones.Count > 0) regions.Add(name);
            regions.Sort(StringComparer.Ordinal);
            return regions;
        }
    }

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

    /// <summary>Whether the machine type for <paramref name="count"/> GPUs is sold only as Spot or Flex-start VMs.</summary>
    public bool IsSpotOnly(string gpuType, int count) => _gpus.TryGetValue(gpuType, out var gpu) && gpu.SpotOnly.Contains(count);

    /// <summary>GPUs-per-node counts whose machine type can be had on demand, as mx's GPU pool needs.</summary>
    public IReadOnlyList<int> OnDemandGpuCounts(string gpuType)
    {
        var counts = new List<int>();
        foreach (var count in GpuCounts(gpuType))
            if (!IsSpotOnly(gpuType, count)) counts.Add(count);
        return counts;
    }

    private sealed record Region(IReadOnlyList<string> Zones, IReadOnlyDictionary<string, IReadOnlyList<string>> GpuZones);

    private sealed record Gpu(string Display, IReadOnlyDictionary<int, string> MachineTypes, HashSet<int> SpotOnly);

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
                    var machineTypes = new Dictionary<int, string>();
                    var spotOnly = new HashSet<int>();
                    foreach (var pair in machines.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var (count, machine) = Pair(pair, number);
                        var gpuCount = int.Parse(count, CultureInfo.InvariantCulture);
                        if (machine.EndsWith("/spot", StringComparison.Ordinal))
                        {
                            machine = machine[..^"/spot".Length];
                            spotOnly.Add(gpuCount);
                        }
                        machineTypes.Add(gpuCount, machine);
                    }
                    gpus.Add(type, new Gpu(display, machineTypes, spotOnly));
                    break;
                case ["region", var name, var zones, var offers]:
                    var gpuZones = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                    foreach (var pair in offers.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var (type, offering) = Pair(pair, number);
                        gpuZones.Add(gpus.ContainsKey(type) ? type : throw Invalid(number, $"unknown accelerator type '{type}'"), offering.Split(','));
                    }
                    regions.Add(name, new Region(zones.Split(' ', StringSplitOptions.RemoveEmptyEntries), gpuZones));
                    break;
                default:
                    throw Invalid(number, "expected 'gpu | type | display | n=machine ...' or 'region | name | zones | type=zone,zone ...'");
            }
        }
        return new GcpCatalog(regions, gpus);
    }

    // Plain loops rather than LINQ here: this runs in every cold 'mx generate', where each generic instantiation
    // over a value type is compiled on the spot.
    private static (string Key, string Value) Pair(string pair, int line) =>
        pair.Split('=') is [var key, var value] ? (key, value) : throw Invalid(line, $"'{pair}' is not key=value");

    private static InvalidOperationException Invalid(int line, string problem) =>
        new($"data/gcp-accelerators.txt({line}): {problem}");
}
