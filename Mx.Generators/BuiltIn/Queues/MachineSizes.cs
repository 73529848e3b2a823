using System.Globalization;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// vCPUs and memory of the machine types queue shapes run on (<c>Data/gce-machine-sizes.txt</c>), and what GKE
/// leaves of them to pods: a ClusterQueue's CPU and memory quota is its nodes' allocatable, so Kueue never admits
/// a job the autoscaler could not place.
/// </summary>
internal sealed class MachineSizes
{
    public static MachineSizes Default { get; } = Load();

    private readonly Dictionary<string, (int Cpus, double MemoryGb)> _machines;
    private readonly Dictionary<string, double> _memoryPerCpu;

    private MachineSizes(Dictionary<string, (int, double)> machines, Dictionary<string, double> memoryPerCpu) =>
        (_machines, _memoryPerCpu) = (machines, memoryPerCpu);

    /// <summary>vCPUs and memory in MiB of <paramref name="machineType"/>, or null when the table does not know it.</summary>
    public (int Cpus, long MemoryMi)? Size(string machineType)
    {
        if (_machines.TryGetValue(machineType, out var known)) return (known.Cpus, (long)(known.MemoryGb * 1024));
        var dash = machineType.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(machineType.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var cpus)
            || !_memoryPerCpu.TryGetValue(machineType[..dash], out var perCpu))
            return null;
        return (cpus, (long)(cpus * perCpu * 1024));
    }

    /// <summary>
    /// The node's allocatable CPU (millicores) and memory (MiB) after GKE's reservations for the kubelet and system,
    /// by the formula GKE documents (https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes):
    /// CPU 6% of the first core, 1% of the second, 0.5% of the next two and 0.25% above four; memory 25% of the
    /// first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112 and 2% above 128, plus a 100 MiB
    /// eviction threshold. The system DaemonSets' own requests are not subtracted, so it is an upper bound.
    /// </summary>
    public static (long CpuMillis, long MemoryMi) Allocatable(int cpus, long memoryMi)
    {
        var cpuMillis = cpus * 1000.0;
        var cpuReserved = Tiered(cpuMillis, [(1000, 0.06), (1000, 0.01), (2000, 0.005), (double.MaxValue, 0.0025)]);
        var memoryReserved = memoryMi < 1024 ? 255
            : Tiered(memoryMi, [(4096, 0.25), (4096, 0.20), (8192, 0.10), (112 * 1024, 0.06), (double.MaxValue, 0.02)]) + 100;
        return ((long)Math.Floor(cpuMillis - cpuReserved), (long)Math.Floor(memoryMi - memoryReserved));
    }

    private static double Tiered(double amount, (double Size, double Share)[] tiers)
    {
        var reserved = 0.0;
        foreach (var (size, share) in tiers)
        {
            var part = Math.Min(amount, size);
            reserved += part * share;
            amount -= part;
            if (amount <= 0) break;
        }
        return reserved;
    }

    private static MachineSizes Load()
    {
        const string Resource = "data/gce-machine-sizes.txt";
        using var stream = typeof(MachineSizes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        var machines = new Dictionary<string, (int, double)>(StringComparer.Ordinal);
        var memory = new Dictionary<string, double>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            switch (line.Split('|', StringSplitOptions.TrimEntries))
            {
                case ["machine", var type, var cpus, var gb]:
                    machines[type] = (int.Parse(cpus, CultureInfo.InvariantCulture), double.Parse(gb, CultureInfo.InvariantCulture));
                    break;
                case ["memory", var shape, var perCpu]:
                    memory[shape] = double.Parse(perCpu, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new InvalidOperationException($"{Resource}({number}): expected 'machine | type | vCPUs | GB' or 'memory | series-shape | GB per vCPU'");
            }
        }
        return new MachineSizes(machines, memory);
    }
}
