using Mx.Generators;
using Mx.Generators.BuiltIn.Monitoring;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Monitoring;

/// <summary>
/// <c>mx doctor</c>'s check, in a project with GpuMonitoring or IdleReaper, that the Slack webhook is in the cluster:
/// without it alerts go nowhere and the reaper warns only by events and annotations (it still runs and logs). The
/// webhook is never in git, so a teammate's fresh cluster lacks it until someone runs <c>mx secret set</c>.
/// </summary>
public static class SlackWebhookCheck
{
    public const string Name = "slack webhook";
    private const string Fix = "Store it in the cluster: mx secret set slack-webhook < webhook.txt";

    /// <summary>The check, or null where the directory is no project or nothing in it sends to Slack.</summary>
    public static ToolCheck? For(string workingDirectory) => For(workingDirectory, ToolRunner.Default);

    internal static ToolCheck? For(string workingDirectory, ToolRunner runner)
    {
        if (ProjectPaths.FindProjectRoot(workingDirectory) is null) return null;
        var project = InfraProject.Load(workingDirectory, null, null);
        var secrets = new List<(string Namespace, string Secret, string Reader)>();
        if (project.State.HasApplied(GpuMonitoring.GeneratorName))
            secrets.Add((GpuMonitoringCluster.AlertmanagerNamespace, GpuMonitoringCluster.AlertmanagerSecret, "GPU alerts"));
        if (project.State.HasApplied(ReaperSecret.Generator))
            secrets.Add((ReaperSecret.Namespace, ReaperSecret.Name, "the idle reaper's warnings"));
        if (secrets.Count == 0) return null;
        if (runner.Find(Tool.Kubectl) is null)
            return new ToolCheck(Name, false, null, false, "Install kubectl (above) so mx can check that the webhook is in the cluster.");
        var context = ClusterConnection.ContextName(project);
        var missing = new List<string>();
        foreach (var (ns, secret, reader) in secrets)
        {
            var result = runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.NameIfExists(context, ns, "secret", secret),
                $"looking for the Secret {secret} in {ns}"));
            if (!result.Succeeded)
                return new ToolCheck(Name, false, null, false,
                    $"The cluster did not answer ({ServiceForward.LastLine(result.StandardError + result.StandardOutput) ?? $"kubectl exited with code {result.ExitCode}"}); run 'mx connect' (after 'mx up'), then 'mx doctor' again.");
            if (result.StandardOutput.Trim().Length == 0) missing.Add($"{reader} (Secret {secret} in {ns})");
        }
        return missing.Count == 0
            ? new ToolCheck(Name, true, "in the cluster", false, null)
            : new ToolCheck(Name, false, null, false, $"Nothing reaches Slack: {string.Join(" and ", missing)} {(missing.Count == 1 ? "has" : "have")} no webhook. {Fix}");
    }
}
