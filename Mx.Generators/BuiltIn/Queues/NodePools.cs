using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// The queue shapes' GPU node pools in the skeleton's cluster program, as a structured edit: one
/// <c>gcp:container:NodePool</c> per GPU shape, built like the skeleton's <c>gpuPool</c> (same disk, service
/// account, scopes, workload identity metadata, secure boot, GKE-installed driver and GPU taint) with a label naming
/// its shape. The cpu shape runs on the skeleton's own CPU pool and adds none.
/// </summary>
internal static class NodePools
{
    /// <summary>Program resource names of queue pools start with this, which the skeleton's names never do.</summary>
    public const string ResourcePrefix = "queuePool-";

    /// <summary>The GKE name of a shape's pool; the skeleton's pools are <c>cpu</c> and <c>gpu-*</c>.</summary>
    public static string PoolName(string shape) => $"queue-{shape}";

    /// <summary>The taint GKE puts on nodes of a queued-provisioning pool; only pods of a ProvisioningRequest tolerate it.</summary>
    public const string QueuedTaint = "cloud.google.com/gke-queued";

    public static FileEdit Edit(Answers answers)
    {
        var pools = Resources(answers);
        // The pools are mx's: a changed answer replaces a pool in place, and a shape no longer asked for loses its pool.
        return ClusterProgramFragment.Edit(pools.Count == 0 ? "remove the queue node pools" : $"add node pools {string.Join(", ", pools.Keys)}",
            name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal), pools.Select(p => (p.Key, (YamlTree)p.Value)));
    }

    /// <summary>The pools the answers ask for, by program resource name.</summary>
    internal static IReadOnlyDictionary<string, YamlTree> Resources(Answers answers)
    {
        var zone = answers.GetString("zone");
        var pools = new Dictionary<string, YamlTree>(StringComparer.Ordinal);
        foreach (var (shape, maxNodes, spot, flexStart) in GpuQueues.Queues(answers))
            if (shape.IsGpu) pools[ResourcePrefix + shape.Name] = Pool(shape, maxNodes, spot, flexStart, zone);
        return pools;
    }

    private static YamlTree Pool(QueueShape shape, int maxNodes, bool spot, bool flexStart, string zone)
    {
        var nodeConfig = YamlTree.Map(
            ("machineType", S(shape.MachineType)),
            ("diskSizeGb", S("200")),
            ("diskType", S("pd-ssd")),
            ("serviceAccount", S("${nodesServiceAccount.email}")),
            ("oauthScopes", YamlTree.List(S("https://www.googleapis.com/auth/cloud-platform"))),
            ("workloadMetadataConfig", YamlTree.Map(("mode", S("GKE_METADATA")))),
            ("shieldedInstanceConfig", YamlTree.Map(("enableSecureBoot", S("true")))));
        if (spot) nodeConfig.Set("spot", S("true"));
        nodeConfig.Set("guestAccelerators", YamlTree.List(YamlTree.Map(
            ("type", S(shape.GpuType!)),
            ("count", S(shape.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ("gpuDriverInstallationConfig", YamlTree.Map(("gpuDriverVersion", S("LATEST")))))));
        // mx.dev/pool is not 'gpu': jobs that select the skeleton's pool directly never land on queue nodes, so
        // only work Kueue admitted (and counted) uses them.
        nodeConfig.Set("labels", YamlTree.Map(("mx.dev/pool", S("queues")), (GpuQueues.ShapeLabel, S(shape.Name))));
        nodeConfig.Set("taints", YamlTree.List(YamlTree.Map(("key", S("nvidia.com/gpu")), ("value", S("present")), ("effect", S("NO_SCHEDULE")))));
        nodeConfig.Set("resourceLabels", S("${labels}"));
        var max = maxNodes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var properties = YamlTree.Map(
            ("name", S(PoolName(shape.Name))),
            ("cluster", S("${cluster.id}")),
            ("location", S(zone)),
            ("initialNodeCount", S("0")),
            ("autoscaling", YamlTree.Map(("minNodeCount", S("0")), ("maxNodeCount", S(max)))),
            ("management", YamlTree.Map(("autoRepair", S("true")), ("autoUpgrade", S("true")))),
            ("nodeConfig", nodeConfig));
        if (flexStart)
        {
            // GKE's rules for a queued-provisioning pool (flex-start with queued provisioning): nodes only through
            // ProvisioningRequests, autoscaled from zero with location policy ANY, no reservation, no auto-repair
            // (a flex-start VM is not repaired but replaced by a new request), never Spot.
            properties.Set("autoscaling", YamlTree.Map(("totalMinNodeCount", S("0")), ("totalMaxNodeCount", S(max)), ("locationPolicy", S("ANY"))));
            properties.Set("management", YamlTree.Map(("autoRepair", S("false")), ("autoUpgrade", S("true"))));
            properties.Set("queuedProvisioning", YamlTree.Map(("enabled", S("true"))));
            nodeConfig.Set("flexStart", S("true"));
            nodeConfig.Set("reservationAffinity", YamlTree.Map(("consumeReservationType", S("NO_RESERVATION"))));
        }
        var pool = YamlTree.Map(("type", S("gcp:container:NodePool")), ("properties", properties));
        var pricing = spot ? ", Spot" : flexStart ? ", flex-start with queued provisioning" : "";
        pool.CommentsBefore.Add($"Queue shape {shape.Name} ({shape.Gpus} x {GcpCatalog.Default.DisplayName(shape.GpuType!)}{pricing}), added by GpuQueues; Kueue admits work onto it.");
        return pool;
    }

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
