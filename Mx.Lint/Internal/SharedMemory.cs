namespace Mx.Lint.Internal;

/// <summary>Whether pods mount a memory-backed <c>/dev/shm</c>, which PyTorch's data loader workers and NCCL need.</summary>
internal static class SharedMemory
{
    public static bool Mounts(PodTemplate pod)
    {
        var memoryVolumes = pod.Spec.Get("volumes").Items()
            .Where(v => v.At("emptyDir", "medium").Text() == "Memory")
            .Select(v => v.Get("name").Text()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var containers = pod.Spec.Get("containers").Items().ToList();
        return containers.Count > 0 && containers.All(c => c.Get("volumeMounts").Items()
            .Any(m => m.Get("mountPath").Text()?.TrimEnd('/') == "/dev/shm" && m.Get("name").Text() is { } name && memoryVolumes.Contains(name)));
    }

    public static bool AllMount(IEnumerable<PodTemplate> pods)
    {
        var list = pods.ToList();
        return list.Count > 0 && list.All(Mounts);
    }
}
