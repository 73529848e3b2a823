using System.Text;

namespace Mx.Lint.Internal;

/// <summary>Every file's <see cref="FileFacts"/> merged: what the project declares as a whole.</summary>
internal sealed class ProjectFacts
{
    public ProjectFacts(IEnumerable<FileFacts> files)
    {
        var all = files.Where(f => !f.IsEmpty).ToList();
        LocalQueues = all.SelectMany(f => f.LocalQueues).ToHashSet(StringComparer.Ordinal);
        ClusterQueues = all.SelectMany(f => f.ClusterQueues).ToHashSet(StringComparer.Ordinal);
        ResourceFlavors = all.SelectMany(f => f.ResourceFlavors).ToHashSet(StringComparer.Ordinal);
        ResourceFlavorLabels = all.SelectMany(f => f.ResourceFlavorLabels).Select(f => f.Split('\n')).GroupBy(f => f[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.First().Skip(1).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        SharedMemoryRuntimes = all.SelectMany(f => f.SharedMemoryRuntimes).ToHashSet(StringComparer.Ordinal);
        DeclaresNodePools = all.Any(f => f.DeclaresNodePools);
        NodePoolLabels = all.SelectMany(f => f.NodePoolLabels).Select(p => (IReadOnlySet<string>)p.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)).ToList();
        // A config value may differ per stack; the largest one is the capacity the project can have.
        var integers = all.SelectMany(f => f.PulumiIntegers).Select(p => p.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(p => int.Parse(p[1])), StringComparer.Ordinal);
        GpuPools = all.SelectMany(f => f.GpuPools)
            .Select(p => p.MaxNodes is null && p.MaxNodesConfig is { } name && integers.TryGetValue(name, out var n) ? p with { MaxNodes = n } : p)
            .OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        PodLabels = all.SelectMany(f => f.PodLabels).Select(p => p.Split('\n'))
            .Select(p => (p[0], (IReadOnlySet<string>)p.Skip(1).ToHashSet(StringComparer.Ordinal))).ToList();
        IapServices = all.SelectMany(f => f.IapServices).ToHashSet(StringComparer.Ordinal);
        CertificateHosts = all.SelectMany(f => f.CertificateHosts).ToHashSet(StringComparer.Ordinal);
        Key = Describe();
    }

    public IReadOnlySet<string> LocalQueues { get; }
    public IReadOnlySet<string> ClusterQueues { get; }
    public IReadOnlySet<string> ResourceFlavors { get; }

    /// <summary>Each ResourceFlavor's nodeLabels as <c>key=value</c>, by flavor name.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> ResourceFlavorLabels { get; }

    /// <summary>Whether the project queues work through Kueue: it declares a LocalQueue.</summary>
    public bool IsQueued => LocalQueues.Count > 0;
    public IReadOnlySet<string> SharedMemoryRuntimes { get; }
    public IReadOnlyList<GpuPool> GpuPools { get; }
    public bool DeclaresNodePools { get; }

    /// <summary>Each declared node pool's node labels as <c>key=value</c>.</summary>
    public IReadOnlyList<IReadOnlySet<string>> NodePoolLabels { get; }

    /// <summary>Each workload pod template's namespace (empty when unsaid) and labels as <c>key=value</c>.</summary>
    public IReadOnlyList<(string Namespace, IReadOnlySet<string> Labels)> PodLabels { get; }

    /// <summary>Services behind IAP (a GCPBackendPolicy with iap.enabled) as <c>namespace/name</c>, namespace empty when unsaid.</summary>
    public IReadOnlySet<string> IapServices { get; }

    /// <summary>Hostnames the project's Certificate Manager certificates cover.</summary>
    public IReadOnlySet<string> CertificateHosts { get; }

    /// <summary>Whether Service <paramref name="name"/> of <paramref name="namespace"/> (null when unsaid) is behind IAP.</summary>
    public bool IsBehindIap(string? @namespace, string name) =>
        IapServices.Any(s => s.EndsWith("/" + name, StringComparison.Ordinal) &&
                             (string.IsNullOrEmpty(@namespace) || s.StartsWith("/", StringComparison.Ordinal) || s == $"{@namespace}/{name}"));

    /// <summary>A canonical text of the facts; part of the cache key, so a new queue re-checks the jobs that name it.</summary>
    public string Key { get; }

    public bool HasLocalQueue(string? @namespace, string name) =>
        LocalQueues.Any(q => q.EndsWith("/" + name, StringComparison.Ordinal) &&
                             (string.IsNullOrEmpty(@namespace) || q.StartsWith("/", StringComparison.Ordinal) || q == $"{@namespace}/{name}"));

    private string Describe()
    {
        var text = new StringBuilder();
        void Add(string label, IEnumerable<string> values) => text.Append(label).Append('=').AppendJoin(',', values.Order(StringComparer.Ordinal)).Append(';');
        Add("lq", LocalQueues);
        Add("cq", ClusterQueues);
        Add("rf", ResourceFlavors);
        Add("rfl", ResourceFlavorLabels.Select(f => f.Key + ":" + string.Join('&', f.Value.Order(StringComparer.Ordinal))));
        Add("rt", SharedMemoryRuntimes);
        Add("gpu", GpuPools.Select(p => $"{p.Name}:{p.Accelerator}:{p.GpusPerNode}:{p.MaxNodes}:{string.Join('&', p.Labels.Order(StringComparer.Ordinal))}"));
        Add("labels", NodePoolLabels.Select(p => string.Join('&', p.Order(StringComparer.Ordinal))));
        Add("pods", PodLabels.Select(p => p.Namespace + ":" + string.Join('&', p.Labels.Order(StringComparer.Ordinal))));
        Add("iap", IapServices);
        Add("certs", CertificateHosts);
        text.Append("pools=").Append(DeclaresNodePools);
        return text.ToString();
    }
}
