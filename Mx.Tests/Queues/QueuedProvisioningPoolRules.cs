using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Queues;

/// <summary>
/// What GKE requires of a node pool with queued provisioning (flex-start with queued provisioning, the Dynamic
/// Workload Scheduler), which the provider schema does not say. Sources: GKE's "Run a large-scale workload with
/// flex-start with queued provisioning" (cloud.google.com/kubernetes-engine/docs/how-to/provisioningrequest: the
/// pool is created with --enable-queued-provisioning --flex-start --enable-autoscaling --num-nodes=0
/// --location-policy=ANY --reservation-affinity=none --no-enable-autorepair) and the preconditions of
/// GoogleCloudPlatform/cluster-toolkit modules/compute/gke-node-pool/main.tf (queued provisioning needs
/// NO_RESERVATION, a total minimum of 0 and no COMPACT placement; flex-start needs auto-repair off and no Spot).
/// </summary>
public static class QueuedProvisioningPoolRules
{
    /// <summary>Every rule a <c>gcp:container:NodePool</c>'s properties break; empty for a pool without queued provisioning.</summary>
    public static IReadOnlyList<string> Validate(YamlMappingNode pool)
    {
        string? At(YamlMappingNode map, params string[] path)
        {
            YamlNode node = map;
            foreach (var key in path)
                if (node is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(key), out node!)) return null;
            return node.ToString();
        }
        if (At(pool, "queuedProvisioning", "enabled") != "true") return [];
        var problems = new List<string>();
        if (At(pool, "nodeConfig", "flexStart") != "true") problems.Add("nodeConfig.flexStart must be true (--flex-start)");
        if (At(pool, "autoscaling", "locationPolicy") != "ANY") problems.Add("autoscaling.locationPolicy must be ANY (--location-policy=ANY)");
        if (At(pool, "autoscaling", "totalMaxNodeCount") is null && At(pool, "autoscaling", "maxNodeCount") is null)
            problems.Add("autoscaling must be enabled with a maximum (--enable-autoscaling)");
        if ((At(pool, "autoscaling", "totalMinNodeCount") ?? At(pool, "autoscaling", "minNodeCount") ?? "0") != "0")
            problems.Add("the autoscaling minimum must be 0 (--num-nodes=0)");
        if ((At(pool, "initialNodeCount") ?? "0") != "0" || At(pool, "nodeCount") is not (null or "0"))
            problems.Add("the pool must start with no nodes (--num-nodes=0)");
        if (At(pool, "nodeConfig", "reservationAffinity", "consumeReservationType") != "NO_RESERVATION")
            problems.Add("nodeConfig.reservationAffinity.consumeReservationType must be NO_RESERVATION (--reservation-affinity=none)");
        if (At(pool, "management", "autoRepair") != "false") problems.Add("management.autoRepair must be false (--no-enable-autorepair)");
        if (At(pool, "nodeConfig", "spot") == "true" || At(pool, "nodeConfig", "preemptible") == "true")
            problems.Add("a flex-start pool cannot be Spot or preemptible");
        if (At(pool, "placementPolicy", "type") == "COMPACT") problems.Add("placementPolicy.type cannot be COMPACT with queued provisioning");
        return problems;
    }
}
