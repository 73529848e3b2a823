namespace Mx.Lint.Internal;

/// <summary>
/// What one file declares that rules on other files need (queues, GPU pools, runtimes, Pulumi config). They
/// are cached with the file, so a warm run knows the whole project without parsing anything.
/// </summary>
internal sealed record FileFacts
{
    public static readonly FileFacts None = new();

    /// <summary>Kueue LocalQueues as <c>namespace/name</c> (namespace empty when the manifest leaves it to kustomize).</summary>
    public List<string> LocalQueues { get; init; } = [];
    public List<string> ClusterQueues { get; init; } = [];
    public List<string> ResourceFlavors { get; init; } = [];

    /// <summary>Each ResourceFlavor's nodeLabels, as its name followed by <c>key=value</c> lines.</summary>
    public List<string> ResourceFlavorLabels { get; init; } = [];

    /// <summary>Trainer runtimes whose pods mount a memory-backed /dev/shm, by name.</summary>
    public List<string> SharedMemoryRuntimes { get; init; } = [];

    public List<GpuPool> GpuPools { get; init; } = [];

    /// <summary>Integer Pulumi config values (defaults in Pulumi.yaml, values in stack files) as <c>name=value</c>.</summary>
    public List<string> PulumiIntegers { get; init; } = [];

    public bool DeclaresNodePools { get; init; }

    /// <summary>
    /// The node labels of each node pool a Pulumi program declares, one entry per pool as <c>key=value</c> lines:
    /// its own labels and those GKE puts on every node (pool name, accelerator, Spot).
    /// </summary>
    public List<string> NodePoolLabels { get; init; } = [];

    /// <summary>
    /// The pod labels of each workload's pod template, one entry per template as its namespace (empty when kustomize
    /// sets it) and then <c>key=value</c> lines, for the rules about what selects pods.
    /// </summary>
    public List<string> PodLabels { get; init; } = [];

    /// <summary>
    /// The Services a GKE GCPBackendPolicy puts behind Identity-Aware Proxy, as <c>namespace/name</c> (namespace empty
    /// when kustomize sets it), for the rule that every route on the Gateway has IAP.
    /// </summary>
    public List<string> IapServices { get; init; } = [];

    /// <summary>The hostnames the project's Certificate Manager certificates cover (managed.domains), wildcards included.</summary>
    public List<string> CertificateHosts { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty =>
        LocalQueues.Count + ClusterQueues.Count + ResourceFlavors.Count + SharedMemoryRuntimes.Count + GpuPools.Count + PulumiIntegers.Count + NodePoolLabels.Count +
        PodLabels.Count + IapServices.Count + CertificateHosts.Count == 0 &&
        !DeclaresNodePools;

    public static FileFacts Of(LintFile file)
    {
        if (!file.IsYaml || file.YamlError is not null) return None;
        var facts = new FileFacts();
        foreach (var o in file.KubernetesObjects)
        {
            foreach (var template in PodTemplate.In(o))
                facts.PodLabels.Add(string.Join('\n', [o.Namespace ?? "", .. template.Metadata.Get("labels").Entries()
                    .Where(e => e.Value.Text() is not null).Select(e => $"{e.Key}={e.Value.Text()}")]));
            switch (o.Kind)
            {
                case "LocalQueue" when o.Group == "kueue.x-k8s.io" && o.Name is { } queue:
                    facts.LocalQueues.Add($"{o.Namespace}/{queue}");
                    break;
                case "ClusterQueue" when o.Group == "kueue.x-k8s.io" && o.Name is { } clusterQueue:
                    facts.ClusterQueues.Add(clusterQueue);
                    break;
                case "ResourceFlavor" when o.Group == "kueue.x-k8s.io" && o.Name is { } flavor:
                    facts.ResourceFlavors.Add(flavor);
                    facts.ResourceFlavorLabels.Add(string.Join('\n', o.Root.At("spec", "nodeLabels").Entries()
                        .Where(e => e.Value.Text() is not null).Select(e => $"{e.Key}={e.Value.Text()}").Prepend(flavor)));
                    break;
                case "GCPBackendPolicy" when o.Group == "networking.gke.io" && o.Root.At("spec", "default", "iap", "enabled").IsTrue()
                                             && o.Root.At("spec", "targetRef") is { } target && (target.Get("kind").Text() ?? "") == "Service"
                                             && (target.Get("group").Text() ?? "") == "" && target.Get("name").Text() is { } service:
                    facts.IapServices.Add($"{o.Namespace}/{service}");
                    break;
                case "TrainingRuntime" or "ClusterTrainingRuntime" when o.Name is { } runtime && SharedMemory.AllMount(PodTemplate.In(o)):
                    facts.SharedMemoryRuntimes.Add(runtime);
                    break;
            }
        }
        if (file.FileName is "Pulumi.yaml" or "Pulumi.yml")
            foreach (var (name, _, value) in file.YamlDocuments.FirstOrDefault()?.RootNode.Get("config").Entries() ?? [])
                if ((value.Get("default") ?? value).Int() is { } number) facts.PulumiIntegers.Add($"{name}={number}");
        if (file.IsPulumiProgram)
        {
            foreach (var resource in file.PulumiResources.Where(r => r.Is("gcp:certificatemanager:Certificate")))
                facts.CertificateHosts.AddRange(resource.Properties.At("managed", "domains").Items().Select(d => d.Text()).OfType<string>());
            foreach (var resource in file.PulumiResources.Where(r => r.Is("gcp:container:NodePool")))
            {
                facts = facts with { DeclaresNodePools = true };
                if (GpuPool.From(resource) is { } pool) facts.GpuPools.Add(pool with { Labels = NodeLabels(resource).ToList() });
                facts.NodePoolLabels.Add(string.Join('\n', NodeLabels(resource)));
            }
        }
        if (file.IsPulumiStackConfig)
            foreach (var (key, _, value) in file.YamlDocuments.FirstOrDefault()?.RootNode.Get("config").Entries() ?? [])
                if (value.Int() is { } number) facts.PulumiIntegers.Add($"{key[(key.IndexOf(':') + 1)..]}={number}");
        return facts;
    }

    private static IEnumerable<string> NodeLabels(PulumiResource pool)
    {
        var config = pool.Properties.Get("nodeConfig");
        foreach (var (key, _, value) in config.Get("labels").Entries())
            if (value.Text() is { } text) yield return $"{key}={text}";
        if (pool.Properties.Get("name").Text() is { } name) yield return $"cloud.google.com/gke-nodepool={name}";
        if (config.At("guestAccelerators").Items().FirstOrDefault().Get("type").Text() is { } accelerator)
            yield return $"cloud.google.com/gke-accelerator={accelerator}";
        if (config.Get("spot").IsTrue()) yield return "cloud.google.com/gke-spot=true";
    }
}
