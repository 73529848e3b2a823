using System.Globalization;
using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Workspaces;

/// <summary>
/// What makes a workspace start fast on the skeleton's GPU pool, as a structured edit of that pool in the cluster
/// program: GKE image streaming (<c>nodeConfig.gcfsConfig.enabled</c>), which starts a container while its image is
/// still being read, and warm nodes (<c>autoscaling.minNodeCount</c>), which skip the node's boot. Only those two
/// properties are touched; everything else of the pool stays as the skeleton and the user left it.
/// </summary>
internal static class WorkspaceNodePool
{
    public const string PoolResource = "gpuPool";

    public static FileEdit Edit(Answers answers)
    {
        var streaming = answers.GetBool("workspace_image_streaming");
        var warm = answers.GetInt("workspace_warm_nodes");
        return new FileEdit(ClusterProgramFragment.ClusterProgram,
            $"GPU pool: image streaming {(streaming ? "on" : "off")}, {warm} warm node(s)", program => Apply(program, streaming, warm));
    }

    internal static string Apply(string program, bool streaming, int warmNodes)
    {
        var document = YamlDocument.Parse(program, ClusterProgramFragment.ClusterProgram);
        var resources = ClusterProgramFragment.Section(document, "resources");
        if (resources.Get(PoolResource) is not YamlMap pool || pool.Get("properties") is not YamlMap properties
            || properties.Get("nodeConfig") is not YamlMap nodeConfig || properties.Get("autoscaling") is not YamlMap autoscaling)
            throw new MxException($"{ClusterProgramFragment.ClusterProgram} has no '{PoolResource}' node pool with nodeConfig and autoscaling, so mx cannot " +
                                  "set image streaming and warm nodes on it. Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var changed = ClusterProgramFragment.SetIfDifferent(autoscaling, "minNodeCount", YamlTree.Scalar(warmNodes.ToString(CultureInfo.InvariantCulture)));
        changed |= ClusterProgramFragment.SetIfDifferent(nodeConfig, "gcfsConfig", YamlTree.Map(("enabled", YamlTree.Scalar(streaming ? "true" : "false"))));
        return changed ? document.Write() : program;
    }
}
