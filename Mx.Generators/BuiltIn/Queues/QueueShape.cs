using System.Globalization;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// One kind of node a queue admits work onto: <c>cpu</c> (the skeleton's CPU pool) or
/// <c>&lt;gpu&gt;-&lt;gpus per node&gt;</c> (<c>l4-2</c>: a node pool of its own with two NVIDIA L4 per node).
/// </summary>
internal sealed record QueueShape(string Name, string? GpuType, int Gpus, string MachineType)
{
    public const string Cpu = "cpu";

    public bool IsGpu => GpuType is not null;

    private static GcpCatalog Gcp => GcpCatalog.Default;

    /// <summary>The short name of a GPU type in shapes: <c>nvidia-tesla-t4</c> is <c>t4</c>, <c>nvidia-h100-80gb</c> is <c>h100-80gb</c>.</summary>
    public static string ShortName(string gpuType) =>
        gpuType.Replace("nvidia-tesla-", "", StringComparison.Ordinal).Replace("nvidia-", "", StringComparison.Ordinal);

    /// <summary>Every GPU shape the project's zone offers, in the table's order.</summary>
    public static IReadOnlyList<string> OfferedIn(string region, string zone)
    {
        var shapes = new List<string>();
        foreach (var gpuType in Gcp.GpuTypesIn(region))
            if (Gcp.ZonesOffering(region, gpuType).Contains(zone))
                foreach (var count in Gcp.GpuCounts(gpuType))
                    shapes.Add($"{ShortName(gpuType)}-{count}");
        return shapes;
    }

    /// <summary>The shape named <paramref name="name"/> in the project's zone, or what is wrong with the name.</summary>
    public static (QueueShape? Shape, string? Problem) Parse(string name, string region, string zone, string cpuMachineType)
    {
        if (name == Cpu) return (new QueueShape(Cpu, null, 0, cpuMachineType), null);
        var offered = $"{zone} offers cpu, {string.Join(", ", OfferedIn(region, zone))}";
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(name.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count <= 0)
            return (null, $"'{name}' is not a shape: write cpu or <gpu>-<gpus per node>, such as l4-1. {offered}.");
        var shortName = name[..dash];
        var gpuType = new[] { "nvidia-" + shortName, "nvidia-tesla-" + shortName }.FirstOrDefault(Gcp.IsGpuType);
        if (gpuType is null)
            return (null, $"'{name}' names no GPU mx knows ('{shortName}'). {offered}.");
        if (!Gcp.ZonesOffering(region, gpuType).Contains(zone))
            return (null, $"'{name}': {gpuType} is not offered in {zone}, the project's zone. {offered}.");
        if (Gcp.MachineType(gpuType, count) is not { } machine)
            return (null, $"'{name}': {gpuType} machines come with {string.Join(", ", Gcp.GpuCounts(gpuType))} GPUs. {offered}.");
        return (new QueueShape(name, gpuType, count, machine), null);
    }

    public bool IsSpotOnly => IsGpu && Gcp.IsSpotOnly(GpuType!, Gpus);
}
