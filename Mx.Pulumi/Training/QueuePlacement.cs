using Mx.Generators;
using Mx.Generators.BuiltIn.Queues;

namespace Mx.Pulumi.Training;

/// <summary>
/// Where a cluster run goes: the namespace it is submitted in and the Kueue LocalQueue that admits it. In a project with
/// GpuQueues every job goes through a queue of a shape (the GPU pool's shape, or the first GPU shape, unless <c>--queue</c>
/// names another),
/// in the namespace of the caller's team, or the training namespace for someone in no team; elsewhere <c>--queue</c>
/// names a LocalQueue of the training namespace, and without it the job is not queued.
/// </summary>
internal sealed record QueuePlacement(string Namespace, string? Queue, QueueShape? Shape, int? MaxNodes)
{
    public static QueuePlacement Unqueued { get; } = new(RunArguments.Namespace, null, null, null);

    /// <summary>The shape the run asks for in a project with GpuQueues, checked against its shapes; no tool runs.</summary>
    public static QueuePlacement ForShape(ProjectState state, string? requested)
    {
        if (!state.HasApplied(GpuQueues.GeneratorName))
            return requested is null ? Unqueued : new QueuePlacement(RunArguments.Namespace, requested, null, null);
        var queues = GpuQueues.Queues(state.Answers);
        var names = string.Join(", ", queues.Select(q => q.Shape.Name));
        var name = requested ?? GpuQueues.DefaultShape(state.Answers) ?? throw new MxException(
            $"This project's jobs go through its queues, and none has GPUs (the shapes are {names}); add one with 'mx generate GpuQueues --queue-shapes ...'.");
        if (queues.FirstOrDefault(q => q.Shape.Name == name) is not { Shape: { } shape } queue)
            throw new MxException($"--queue {name}: the project has no queue of that shape; its shapes are {names} ('mx generate GpuQueues --queue-shapes ...' adds others).");
        if (!shape.IsGpu)
            throw new MxException($"--queue {name}: the cpu queue admits no GPUs, and the job template asks for them; choose a GPU shape: " +
                                  $"{string.Join(", ", queues.Where(q => q.Shape.IsGpu).Select(q => q.Shape.Name))}.");
        return new QueuePlacement(RunArguments.Namespace, shape.Name, shape, queue.MaxNodes);
    }

    /// <summary>
    /// The placement in the namespace of the team that lists <paramref name="account"/> (the caller's gcloud account),
    /// or as it is for someone in no team.
    /// </summary>
    public QueuePlacement ForCaller(ProjectState state, string? account) =>
        Shape is null ? this : this with { Namespace = NamespaceOf(state, account) };

    /// <summary>The namespace of the team that lists <paramref name="account"/>, else the training namespace.</summary>
    public static string NamespaceOf(ProjectState state, string? account) =>
        account is not null && state.HasApplied(GpuQueues.GeneratorName)
        && GpuQueues.Teams(state.Answers).FirstOrDefault(t => t.Members.Contains(account, StringComparer.OrdinalIgnoreCase)) is { } team
            ? team.Namespace
            : RunArguments.Namespace;

    /// <summary>Whether who is calling matters: only a project with teams places jobs by the caller.</summary>
    public static bool HasTeams(ProjectState state) => state.HasApplied(GpuQueues.GeneratorName) && GpuQueues.Teams(state.Answers).Count > 0;
}
