using System.Text.Json;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Monitoring;
using Mx.Pulumi.Training;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// The running pod of a workspace, found by its label <c>mx.dev/workspace=NAME</c> in the caller's namespace (their
/// team's, else training), and checked to belong to the caller: its <c>mx.dev/owner</c> annotation must be the gcloud
/// account the API server authenticates them as. Every reach into a workspace (proxy, ssh, jupyter, sync) starts here.
/// </summary>
public sealed record WorkspacePod(string Workspace, string Context, string Namespace, string PodName, string Owner)
{
    public const string WorkspaceLabel = "mx.dev/workspace";
    public const int SshPort = 2222;
    public const int JupyterPort = 8888;

    public string Target => "pod/" + PodName;

    /// <summary>The Secret holding JupyterLab's token (key <c>token</c>).</summary>
    public string JupyterSecret => $"ws-{Workspace}-jupyter";

    public static WorkspacePod Find(InfraProject project, string workspace) => Find(project, workspace, ToolRunner.Default);

    internal static WorkspacePod Find(InfraProject project, string workspace, ToolRunner runner)
    {
        WorkspaceName.Checked(workspace);
        var account = CallerAccount(runner);
        var context = ClusterConnection.ContextName(project);
        var ns = QueuePlacement.NamespaceOf(project.State, account);
        var listed = runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.PodsJson(context, ns, $"{WorkspaceLabel}={workspace}"),
            $"looking for workspace {workspace}"));
        if (!listed.Succeeded) throw Unreachable(project, context, ns, listed);
        var pods = Pods(listed.StandardOutput);
        if (pods.Count == 0)
            throw new MxException(
                $"There is no workspace '{workspace}' in namespace {ns} (no pod labelled {WorkspaceLabel}={workspace}). 'mx workspace list' shows " +
                $"your workspaces; a stopped one comes back with 'mx workspace start {workspace}', a new one with 'mx workspace create {workspace}'.");
        var owner = pods.Select(p => p.Owner).FirstOrDefault(o => o is not null);
        if (!string.Equals(owner, account, StringComparison.OrdinalIgnoreCase))
            throw new MxException(owner is null
                ? $"Workspace '{workspace}' in namespace {ns} carries no owner (annotation {JobOwnership.OwnerAnnotation}), so mx does not know it is " +
                  $"yours ({account}) and will not connect to it; workspaces created by 'mx workspace create' carry one."
                : $"Workspace '{workspace}' in namespace {ns} belongs to {owner}, not to you ({account}); mx connects only to your own workspaces. " +
                  $"Create your own with 'mx workspace create', or ask {owner} to share what you need.");
        var running = pods.FirstOrDefault(p => p.Phase == "Running" && !p.Deleting)
            ?? throw new MxException(
                $"Workspace '{workspace}' is not running (its pod {pods[0].Name} is {(pods[0].Deleting ? "being deleted" : pods[0].Phase)}). " +
                $"Start it with 'mx workspace start {workspace}' and wait until it says it is ready, then connect again.");
        return new WorkspacePod(workspace, context, ns, running.Name, owner!);
    }

    /// <summary>The caller as GKE's RBAC knows them: gcloud's account.</summary>
    internal static string CallerAccount(ToolRunner runner)
    {
        var result = runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.ConfigAccount(), "reading your gcloud account")
        {
            Remedy = "Log in with 'gcloud auth login'.",
        });
        var account = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return account is null or "(unset)"
            ? throw new MxException("gcloud has no account set, and a workspace is reached as its owner's gcloud account. Log in with 'gcloud auth login' and run the command again.")
            : account;
    }

    private sealed record PodSummary(string Name, string Phase, bool Deleting, string? Owner);

    private static List<PodSummary> Pods(string json)
    {
        IReadOnlyList<JsonNode> items;
        try { items = KubeObjects.Items(json); }
        catch (JsonException) { items = []; }
        var pods = new List<PodSummary>();
        foreach (var item in items)
        {
            var metadata = item["metadata"];
            if (metadata?["name"]?.GetValue<string>() is not { } name) continue;
            pods.Add(new PodSummary(name, item["status"]?["phase"]?.GetValue<string>() ?? "Unknown", metadata["deletionTimestamp"] is not null,
                metadata["annotations"]?[JobOwnership.OwnerAnnotation]?.GetValue<string>()));
        }
        return pods;
    }

    // No kube context for the project, or an API server that does not answer, is something the user sets right
    // (mx connect, the network), not a failure of mx's; what else kubectl refuses (RBAC) it says itself.
    private static MxException Unreachable(InfraProject project, string context, string ns, ToolResult result)
    {
        var said = ServiceForward.LastLine(result.StandardError) ?? $"kubectl exited with code {result.ExitCode}";
        if (said.Contains($"context \"{context}\" does not exist", StringComparison.Ordinal) || said.Contains("context was not found", StringComparison.Ordinal))
            return new MxException(
                $"This machine has no connection to the cluster of {project.ProjectName}: kubectl knows no context {context}. Connect with 'mx connect' " +
                "(after 'mx up' created the cluster) and run the command again.");
        if (said.Contains("Unable to connect to the server", StringComparison.Ordinal) || said.Contains("dial tcp", StringComparison.Ordinal))
            return new MxException(
                $"The cluster's API server did not answer ({said}). Check your network, that the cluster is up ('mx up') and that the context is " +
                $"current ('mx connect'), then run the command again.");
        return new MxException(
            $"kubectl could not list the pods of namespace {ns} ({said}). Check that your gcloud account may read pods there " +
            "and that 'mx connect' was run.", ExitCode.Failed);
    }
}
