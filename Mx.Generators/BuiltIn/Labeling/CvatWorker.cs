namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// One of CVAT's background workers: its Deployment is <c>cvat-worker-NAME</c>, started with <c>run QUEUE</c> by the
/// image's entrypoint; <paramref name="ReadsShare"/> when it reads task media from the connected file share.
/// </summary>
internal sealed record CvatWorker(string Name, string Queue, bool ReadsShare, string CpuRequest, string MemoryRequest, string MemoryLimit);
