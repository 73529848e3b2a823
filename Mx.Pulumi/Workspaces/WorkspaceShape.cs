using System.Globalization;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Generators.BuiltIn.Queues;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// What a workspace runs on: the project's GPU pool with 1 to its GPUs per node (<c>l4-1</c>, or fewer GPUs of a
/// bigger node), or the CPU pool (<c>cpu</c>). CPU and memory are a share of what one node can give pods, in
/// proportion to the GPUs taken, leaving room for the node's own daemons.
/// </summary>
public sealed record WorkspaceShape(string Name, int Gpus, string? GpuType, string Cpu, string Memory, string SharedMemory)
{
    public const string CpuOnly = "cpu";

    // The node's DaemonSets (GPU driver installer, DCGM exporter, logging) need some of what it can allocate.
    private const double PodShare = 0.8;

    /// <summary>The shape a request asks for, checked against the project; no tool runs.</summary>
    public static WorkspaceShape Resolve(ProjectState state, string? shape, int? gpus, bool cpuOnly)
    {
        var skeleton = SkeletonAnswers.From(state.Answers);
        var gpuShape = $"{QueueShape.ShortName(skeleton.GpuType)}-{skeleton.GpuCount}";
        var shapes = $"{gpuShape} (the GPU pool, with --gpus 1-{skeleton.GpuCount}) or {CpuOnly}";
        if (cpuOnly && (shape is not null and not CpuOnly || gpus is not null))
            throw new MxException("--cpu-only asks for no GPU; leave out --shape and --gpus, or leave out --cpu-only.");
        if (cpuOnly || shape == CpuOnly)
        {
            if (gpus is not null) throw new MxException($"--gpus {gpus}: the {CpuOnly} shape has no GPUs; choose --shape {gpuShape} for GPUs.");
            return CpuShape(state.Answers);
        }
        if (shape is not null && shape != gpuShape)
            throw new MxException($"--shape {shape}: this project's workspaces run on {shapes}. A bigger GPU node needs " +
                                  "'mx generate MLProjectSkeleton --gpu-count N' and 'mx up'.");
        var count = gpus ?? 1;
        if (count < 1 || count > skeleton.GpuCount)
            throw new MxException($"--gpus {count}: a node of the GPU pool ({gpuShape}) has {skeleton.GpuCount} {skeleton.GpuType} GPU(s), so a workspace takes 1-{skeleton.GpuCount}.");
        var machine = GcpCatalog.Default.MachineType(skeleton.GpuType, skeleton.GpuCount)
                      ?? throw new MxException($"The project's GPU ({skeleton.GpuType} x{skeleton.GpuCount}) has no machine type mx knows; run 'mx generate MLProjectSkeleton' again.");
        return Sized(count == skeleton.GpuCount ? gpuShape : $"{QueueShape.ShortName(skeleton.GpuType)}-{count}", count, skeleton.GpuType, machine,
            (double)count / skeleton.GpuCount);
    }

    /// <summary>The shape a workspace was created with, as its home volume records it, for 'mx workspace start'.</summary>
    public static WorkspaceShape Recorded(ProjectState state, string name, int gpus) =>
        gpus == 0 ? CpuShape(state.Answers) : Resolve(state, null, gpus, false) with { Name = name };

    private static WorkspaceShape CpuShape(Answers answers)
    {
        var machine = answers.TryGetValue("cpu_machine_type", out var type) ? (string)type : "e2-standard-4";
        // The CPU pool also runs MLflow and the platform's services; a workspace takes half a node.
        return Sized(CpuOnly, 0, null, machine, 0.5 / PodShare);
    }

    private static WorkspaceShape Sized(string name, int gpus, string? gpuType, string machineType, double fraction)
    {
        var size = MachineSizes.Default.Size(machineType) ?? throw new MxException($"mx knows no size of machine type {machineType}; run 'mx generate MLProjectSkeleton' again.");
        var (cpuMillis, memoryMi) = MachineSizes.Allocatable(size.Cpus, size.MemoryMi);
        var cpu = (long)(cpuMillis * PodShare * fraction) / 100 * 100;
        var memory = (long)(memoryMi * PodShare * fraction) / 256 * 256;
        // A memory-backed /dev/shm counts against the container's memory limit: a quarter leaves the rest to the user.
        return new WorkspaceShape(name, gpus, gpuType, $"{cpu.ToString(CultureInfo.InvariantCulture)}m", $"{memory.ToString(CultureInfo.InvariantCulture)}Mi",
            $"{(memory / 4).ToString(CultureInfo.InvariantCulture)}Mi");
    }
}
