namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// One of CVAT's background workers: its Deployment is <c>cvat-worker-NAME</c>, started with
/// <c>run worker QUEUE...</c> by the image's entrypoint (backend_entrypoint.sh); <paramref name="ReadsShare"/> when it
/// reads task media from the connected file share.
/// </summary>
internal sealed record CvatWorker(string Name, IReadOnlyList<string> Queues, bool ReadsShare, string CpuRequest, string MemoryRequest, string MemoryLimit)
{
    /// <summary>The container's args, as a YAML flow sequence.</summary>
    public string Args => "[\"run\", \"worker\", " + string.Join(", ", Queues.Select(q => $"\"{q}\"")) + "]";
}
