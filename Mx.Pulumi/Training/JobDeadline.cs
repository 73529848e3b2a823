using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>Sets <c>activeDeadlineSeconds</c> where a job kind keeps it (a Job's or TrainJob's spec, a PyTorchJob's runPolicy).</summary>
internal static class JobDeadline
{
    public static void Set(YamlMappingNode owner, long seconds) =>
        owner.Children[new YamlScalarNode("activeDeadlineSeconds")] = new YamlScalarNode(seconds.ToString(CultureInfo.InvariantCulture));
}
