using Mx.Generators.BuiltIn.Queues;

namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// Where a served model's replicas run: <c>cpu</c> (the skeleton's CPU pool) or <c>&lt;gpu&gt;-&lt;gpus&gt;</c> on the
/// skeleton's GPU pool, the one GPU pool every project has; the resources a replica asks for follow from it.
/// </summary>
internal sealed record ServingShape(string Name, string? GpuType, int Gpus)
{
    public const string Cpu = "cpu";

    public bool IsGpu => GpuType is not null;

    public string CpuRequest => IsGpu ? "2" : "1";
    public string CpuLimit => IsGpu ? "4" : "2";
    public string MemoryRequest => IsGpu ? "8Gi" : "2Gi";
    public string MemoryLimit => IsGpu ? "12Gi" : "4Gi";

    public static (ServingShape? Shape, string? Problem) Parse(string name, Answers answers)
    {
        if (name == Cpu) return (new ServingShape(Cpu, null, 0), null);
        var gpuType = answers.GetString("gpu_type");
        var perNode = answers.GetInt("gpu_count");
        var pool = $"{QueueShape.ShortName(gpuType)}-1" + (perNode > 1 ? $" to {QueueShape.ShortName(gpuType)}-{perNode}" : "");
        var (shape, problem) = QueueShape.Parse(name, answers.GetString("region"), answers.GetString("zone"), answers.GetString("cpu_machine_type"));
        if (shape is null) return (null, $"{problem} Served models run on cpu or on the project's GPU pool ({pool}).");
        if (shape.GpuType != gpuType || shape.Gpus > perNode)
            return (null, $"'{name}' is not on the project's GPU pool, which has {perNode} {gpuType} per node: use cpu or {pool}.");
        return (new ServingShape(name, gpuType, shape.Gpus), null);
    }
}
