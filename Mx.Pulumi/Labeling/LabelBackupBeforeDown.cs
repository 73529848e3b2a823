using System.Globalization;
using Mx.Generators;
using Mx.Generators.BuiltIn.Labeling;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Labeling;

/// <summary>
/// Before <c>mx down</c> takes the cluster and CVAT's volumes away, a backup of the labeling tool through its Backup for
/// GKE plan, which the down keeps: the nightly backup would miss the labels of the day.
/// </summary>
public static class LabelBackupBeforeDown
{
    /// <summary>The cluster stack's output with the name of the plan (LabelingTool's cluster program).</summary>
    public const string PlanOutput = "cluster.labelBackupPlan";

    /// <summary>
    /// The plan a backup is taken with before the down, or null when there is nothing to back up: no labeling tool, or
    /// no plan yet because <c>mx up</c> has not run since LabelingTool was applied.
    /// </summary>
    public static string? Plan(InfraProject project) =>
        project.State.HasApplied(LabelingTool.GeneratorName) && project.State.Infra.Outputs.TryGetValue(PlanOutput, out var plan) && plan.Length > 0
            ? plan : null;

    /// <summary>Takes the backup and waits until it is complete; returns its name.</summary>
    public static string Take(InfraProject project, string plan, DateTimeOffset now) => Take(project, plan, now, ToolRunner.Default);

    internal static string Take(InfraProject project, string plan, DateTimeOffset now, ToolRunner runner)
    {
        var name = "mx-down-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.CreateGkeBackup(name, plan, project.Region, project.GcpProject),
            $"backing up the labeling tool (plan {plan}) before the cluster goes")
        {
            Remedy = "Nothing was destroyed. Fix what gcloud says (the Backup for GKE API and the plan exist after 'mx up'; you need " +
                     "roles/gkebackup.backupAdmin or the project's owner role) and run 'mx down' again, or run 'mx down --no-label-backup' " +
                     "to destroy without this backup: CVAT's labels since the last nightly backup are then lost with the cluster.",
        });
        return name;
    }
}
