namespace Mx.Pulumi.Training;

/// <summary>
/// What <c>mx run ENTRYPOINT</c> was asked for: the entry point, its <c>-P key=value</c> parameters and GPUs, or,
/// with <see cref="Distributed"/>, nodes and GPUs per node for DistributedTraining's job.
/// </summary>
public sealed record RunRequest(string EntryPoint, IReadOnlyDictionary<string, string> Parameters, int? Gpus)
{
    public bool Distributed { get; init; }
    public int? Workers { get; init; }
    public int? GpusPerWorker { get; init; }

    /// <summary>Hours the job may run before Kubernetes stops it, instead of the template's job_deadline_hours.</summary>
    public int? DeadlineHours { get; init; }

    /// <summary>A Kueue LocalQueue of the training namespace to submit to.</summary>
    public string? Queue { get; init; }

    /// <summary>How long the queued job may wait for Kueue to admit it (<see cref="WaitLimit"/>), as given.</summary>
    public string? MaxWait { get; init; }
}
