using System.Globalization;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Generators.BuiltIn.Queues;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// What a workspace runs on and how it gets there. In a project with GpuQueues: one of its queue shapes, through that
/// shape's Kueue LocalQueue (Kueue v0.19 manages plain Pods labelled with a queue), on the shape's pool. Elsewhere:
/// the skeleton's GPU pool with 1 to its GPUs per node (<c>l4-1</c>), or its CPU pool (<c>cpu</c>). CPU and memory
/// are a share of what one node can give pods, in proportion to the GPUs taken, leaving room for the node's daemons.
/// </summary>
/// <param name="NodeSelector">The pod's node selector as <c>key: value</c> lines.</param>
public sealed record WorkspaceShape(string Name, int Gpus, string? GpuType, string Cpu, string Memory, string SharedMemory, string? Queue,
    IReadOnlyList<string> NodeSelector)
{
    public const string CpuOnly = QueueShape.Cpu;

    // The node's DaemonSets (GPU driver installer, DCGM exporter, logging) need some of what it can allocate.
    private const double PodShare = 0.8;

    /// <summary>The shape a request asks for, checked against the project; no tool runs.</summary>
    public static WorkspaceShape Resolve(ProjectState state, string? shape, int? gpus, bool cpuOnly)
    {
        if (cpuOnly && (shape is not null and not CpuOnly || gpus is not null))
            throw new MxException("--cpu-only asks for no GPU; leave out --shape and --gpus, or leave out --cpu-only.");
        if (cpuOnly) shape = CpuOnly;
        return state.HasApplied(GpuQueues.GeneratorName) ? Queued(state.Answers, shape, gpus) : Pooled(state.Answers, shape, gpus);
    }

    private static WorkspaceShape Pooled(Answers answers, string? shape, int? gpus)
    {
        var skeleton = SkeletonAnswers.From(answers);
        var gpuShape = $"{QueueShape.ShortName(skeleton.GpuType)}-{skeleton.GpuCount}";
        if (shape == CpuOnly)
        {
            if (gpus is not null) throw new MxException($"--gpus {gpus}: the {CpuOnly} shape has no GPUs; choose --shape {gpuShape} for GPUs.");
            // The CPU pool also runs MLflow and the platform's services; a workspace takes half a node.
            return Sized(CpuOnly, 0, null, CpuMachineType(answers), 0.5 / PodShare, null, ["cloud.google.com/gke-nodepool: cpu"]);
        }
        if (shape is not null && shape != gpuShape)
            throw new MxException($"--shape {shape}: this project's workspaces run on {gpuShape} (the GPU pool, with --gpus 1-{skeleton.GpuCount}) or {CpuOnly}. " +
                                  "Other shapes come with queues ('mx generate GpuQueues --queue-shapes ...'), or a bigger GPU node with " +
                                  "'mx generate MLProjectSkeleton --gpu-count N' and 'mx up'.");
        var count = gpus ?? 1;
        if (count < 1 || count > skeleton.GpuCount)
            throw new MxException($"--gpus {count}: a node of the GPU pool ({gpuShape}) has {skeleton.GpuCount} {skeleton.GpuType} GPU(s), so a workspace takes 1-{skeleton.GpuCount}.");
        var machine = GcpCatalog.Default.MachineType(skeleton.GpuType, skeleton.GpuCount)
                      ?? throw new MxException($"The project's GPU ({skeleton.GpuType} x{skeleton.GpuCount}) has no machine type mx knows; run 'mx generate MLProjectSkeleton' again.");
        return Sized(gpuShape, count, skeleton.GpuType, machine, (double)count / skeleton.GpuCount, null,
            ["mx.dev/pool: gpu", $"cloud.google.com/gke-accelerator: {skeleton.GpuType}"]);
    }

    private static WorkspaceShape Queued(Answers answers, string? requested, int? gpus)
    {
        var queues = GpuQueues.Queues(answers);
        var names = string.Join(", ", queues.Select(q => q.Shape.Name));
        var name = requested ?? GpuQueues.DefaultShape(answers) ?? CpuOnly;
        if (queues.FirstOrDefault(q => q.Shape.Name == name) is not { Shape: { } shape })
            throw new MxException($"--shape {name}: workspaces go through the project's queues, and it has none of that shape; its shapes are {names} " +
                                  "('mx generate GpuQueues --queue-shapes ...' adds others).");
        if (!shape.IsGpu)
        {
            if (gpus is not null) throw new MxException($"--gpus {gpus}: the {CpuOnly} queue admits no GPUs; choose a GPU shape of {names}.");
            return Sized(CpuOnly, 0, null, shape.MachineType, 0.5 / PodShare, shape.Name, ["cloud.google.com/gke-nodepool: cpu"]);
        }
        var count = gpus ?? 1;
        if (count < 1 || count > shape.Gpus)
            throw new MxException($"--gpus {count}: a node of queue {shape.Name} has {shape.Gpus} {shape.GpuType} GPU(s), so a workspace takes 1-{shape.Gpus}.");
        // The shape's ResourceFlavor selects its pool by mx.dev/shape; the pod asks for the same, so Kueue's assignment fits.
        return Sized(shape.Name, count, shape.GpuType, shape.MachineType, (double)count / shape.Gpus, shape.Name,
            [$"{GpuQueues.ShapeLabel}: {shape.Name}", $"cloud.google.com/gke-accelerator: {shape.GpuType}"]);
    }

    // A project generated before the skeleton asked for the CPU machine type has its old default.
    private static string CpuMachineType(Answers answers) => answers.TryGetValue("cpu_machine_type", out var type) ? (string)type : "e2-standard-4";

    private static WorkspaceShape Sized(string name, int gpus, string? gpuType, string machineType, double fraction, string? queue, IReadOnlyList<string> nodeSelector)
    {
        var size = MachineSizes.Default.Size(machineType) ?? throw new MxException($"mx knows no size of machine type {machineType}; run 'mx generate MLProjectSkeleton' again.");
        var (cpuMillis, memoryMi) = MachineSizes.Allocatable(size.Cpus, size.MemoryMi);
        var cpu = (long)(cpuMillis * PodShare * fraction) / 100 * 100;
        var memory = (long)(memoryMi * PodShare * fraction) / 256 * 256;
        // A memory-backed /dev/shm counts against the container's memory limit: a quarter leaves the rest to the user.
        return new WorkspaceShape(name, gpus, gpuType, $"{cpu.ToString(CultureInfo.InvariantCulture)}m", $"{memory.ToString(CultureInfo.InvariantCulture)}Mi",
            $"{(memory / 4).ToString(CultureInfo.InvariantCulture)}Mi", queue, nodeSelector);
    }
}
