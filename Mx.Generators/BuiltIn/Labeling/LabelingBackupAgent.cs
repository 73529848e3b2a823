using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// Turns on the cluster's Backup for GKE agent (<c>addonsConfig.gkeBackupAgentConfig</c>), as a structured edit of the
/// skeleton's cluster resource: the labeling tool's backup plan backs up through it, and a plan for a cluster without
/// the agent never runs.
/// </summary>
internal static class LabelingBackupAgent
{
    private const string ClusterProgram = ClusterProgramFragment.ClusterProgram;

    public static FileEdit Edit() =>
        new(ClusterProgram, "turn on the cluster's Backup for GKE agent", Apply);

    private static string Apply(string program)
    {
        var document = YamlDocument.Parse(program, ClusterProgram);
        var properties = ClusterProgramFragment.ClusterProperties(document, "turn on Backup for GKE");
        if (properties.Get("addonsConfig") is not YamlMap addons)
        {
            addons = YamlTree.Map();
            properties.Set("addonsConfig", addons);
        }
        var wanted = YamlTree.Map(("enabled", YamlTree.Scalar("true")));
        wanted.CommentsBefore.Add("Backs up the labeling tool's namespace and volumes (LabelingTool's backup plan).");
        return ClusterProgramFragment.SetIfDifferent(addons, "gkeBackupAgentConfig", wanted) ? document.Write() : program;
    }
}
