using Mx.Generators.BuiltIn.Distributed;
using Mx.Generators.BuiltIn.Monitoring;
using Mx.Generators.BuiltIn.PluginScaffold;
using Mx.Generators.BuiltIn.Queues;
using Mx.Generators.BuiltIn.Reaper;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Generators.BuiltIn;

/// <summary>The explicit registry of generators that ship with mx.</summary>
internal static class BuiltInGenerators
{
    public static IReadOnlyList<IGenerator> All { get; } =
        [new MLProjectSkeleton(), new GeneratorPlugin(), new DistributedTraining(), new GpuQueues(), new GpuMonitoring(), new IdleReaper(), new Gateway.DeploymentInfrastructure(), new Streamlit.StreamlitApp(), new CloudBuild.CloudBuild(), new GitHubActions.GitHubActions(), new Serving.ModelServing(), new Labeling.LabelingTool(), new Workspaces.DevWorkspace()];
}
