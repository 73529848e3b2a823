using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary>
/// <c>mx connect</c>: puts the project's cluster in the user's kubeconfig under the context
/// <c>mx-&lt;project&gt;-&lt;stack&gt;</c>, through gcloud (which writes an entry that authenticates with
/// gke-gcloud-auth-plugin) and kubectl (which renames it).
/// </summary>
public static class ClusterConnection
{
    public static string ContextName(InfraProject project) => $"mx-{project.ProjectName}-{project.Stack}";

    /// <summary>Connects and returns the context name.</summary>
    public static string Connect(InfraProject project, Action<string> say) => Connect(project, say, ToolRunner.Default);

    internal static string Connect(InfraProject project, Action<string> say, ToolRunner runner)
    {
        // Without the plugin, get-credentials succeeds but every kubectl call fails later, far from the cause.
        runner.Locate(Tool.GkeAuthPlugin);
        runner.Locate(Tool.Kubectl);
        var outputs = project.State.Infra.Outputs;
        var cluster = outputs.GetValueOrDefault("cluster.clusterName") ?? project.ProjectName;
        var location = outputs.GetValueOrDefault("cluster.location") ?? project.Zone;
        var gcpProject = outputs.GetValueOrDefault("cluster.project") ?? project.GcpProject;
        var target = ContextName(project);

        say($"Fetching credentials for cluster {cluster} ({location}, project {gcpProject}) through its DNS endpoint");
        runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.GetCredentials(cluster, location, gcpProject), $"fetching credentials for cluster {cluster}")
        {
            Remedy = $"Check that the cluster exists ('mx up' creates it), that you are logged in ('gcloud auth login') and that your account " +
                     $"has roles/container.developer in project {gcpProject}.",
        });

        var kubeconfigRemedy = "Check that your kubeconfig (~/.kube/config or $KUBECONFIG) is writable and valid.";
        var contexts = runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.ContextNames(), "listing kube contexts") { Remedy = kubeconfigRemedy })
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // A context of the same name from an earlier connect points at an old entry; the fresh one replaces it.
        if (contexts.Contains(target))
            runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.DeleteContext(target), $"removing the old context {target}") { Remedy = kubeconfigRemedy });
        runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.RenameContext(GcloudArguments.ContextName(cluster, location, gcpProject), target),
            $"naming the context {target}") { Remedy = kubeconfigRemedy });
        return target;
    }
}
