using Mx.Generators;
using Mx.Generators.BuiltIn.Monitoring;
using Mx.Generators.BuiltIn.Reaper;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// Who submitted a job, written on it: the annotation <c>mx.dev/owner</c> (the gcloud account) on the job, which the
/// idle reaper warns, and the label <c>mx.dev/user</c> on the pods of a Job, by which GPU monitoring sums use per
/// user. A label value cannot hold '@', so the label carries the account with '@' as '_'.
/// </summary>
public static class JobOwnership
{
    public const string OwnerAnnotation = "mx.dev/owner";
    public const string UserLabel = "mx.dev/user";

    /// <summary>
    /// Whether anything reads the owner: teams place jobs by it, GPU monitoring sums use per user, the idle reaper
    /// warns the owner. Elsewhere mx run asks gcloud nothing.
    /// </summary>
    public static bool IsRead(ProjectState state) =>
        QueuePlacement.HasTeams(state) || state.HasApplied(GpuMonitoring.GeneratorName) || state.HasApplied(IdleReaper.GeneratorName);

    public static string Marked(string manifest, string account) => ManifestYaml.Edit(manifest, root =>
    {
        Entry(Entry((YamlMappingNode)root["metadata"], "annotations"), OwnerAnnotation, account);
        if (root.Children.TryGetValue(new YamlScalarNode("kind"), out var kind) && kind.ToString() == "Job"
            && root.Children.TryGetValue(new YamlScalarNode("spec"), out var spec) && spec is YamlMappingNode jobSpec
            && jobSpec.Children.TryGetValue(new YamlScalarNode("template"), out var template) && template is YamlMappingNode pod)
            Entry(Entry(Entry(pod, "metadata"), "labels"), UserLabel, LabelValue(account));
    });

    /// <summary>The account as a label value: at most 63 of [A-Za-z0-9._-], beginning and ending with a letter or digit.</summary>
    public static string LabelValue(string account)
    {
        var value = new string(account.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        value = value.Length > 63 ? value[..63] : value;
        return value.Trim('.', '-', '_');
    }

    private static YamlMappingNode Entry(YamlMappingNode map, string key)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlMappingNode child)
            map.Children[new YamlScalarNode(key)] = child = new YamlMappingNode();
        return child;
    }

    private static void Entry(YamlMappingNode map, string key, string value) => map.Children[new YamlScalarNode(key)] = new YamlScalarNode(value);
}
