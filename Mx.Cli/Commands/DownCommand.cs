using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Labeling;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx down</c>: destroys the platform stack, then the cluster stack, after a confirmation that names the
/// project and stack. The state, data and artifacts buckets are protected and retained, so they survive with the
/// stacks' history, the data and the models.
/// </summary>
internal static class DownCommand
{
    private static readonly string[] DownOrder = [StackProgram.Platform, StackProgram.Cluster];

    public static Command Create(CommandContext context)
    {
        var options = new StackCommandOptions();
        var only = new Option<string?>("--only") { Description = "Destroy one program: cluster or platform", HelpName = "cluster|platform" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Destroy without asking (required without a terminal)" };
        var noLabelBackup = new Option<bool>("--no-label-backup")
        {
            Description = "With LabelingTool: destroy without first backing up CVAT (its labels since the last nightly backup are lost)",
        };
        var command = new Command("down",
            "Destroy the project's infrastructure: the platform stack, then the cluster stack (the buckets are kept). " +
            "Example: mx down --stack dev") { only, yes, noLabelBackup };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var project = options.Load(context, parsed);
            var programs = StackCommandOptions.Select(project, parsed.GetValue(only), DownOrder);
            var what = $"{string.Join(" and ", programs.Select(p => p.Name))} stack(s) '{project.Stack}' of {project.ProjectName} (GCP project {project.GcpProject})";
            if (!parsed.GetValue(yes))
            {
                if (!options.CanAsk(context, parsed))
                    throw new MxException($"mx down destroys the {what}, with everything running on the cluster (the buckets are kept). " +
                                          "Without a terminal it needs --yes to confirm.");
                var typed = context.Console.Prompt(new TextPrompt<string>($"This destroys the {Markup.Escape(what)}. Type the project name to confirm:").AllowEmpty());
                if (typed != project.ProjectName)
                {
                    context.Console.MarkupLine("Nothing was destroyed.");
                    return 0;
                }
            }
            var json = parsed.GetValue(options.Json);
            // CVAT's volumes go with the platform stack and the cluster; its backup plan stays, so the day's labels go into it first.
            if (!parsed.GetValue(noLabelBackup) && LabelBackupBeforeDown.Plan(project) is { } plan)
            {
                if (!json) context.Console.MarkupLineInterpolated($"Backing up the labeling tool first (Backup for GKE plan {plan}); this takes a few minutes.");
                var backup = LabelBackupBeforeDown.Take(project, plan, DateTimeOffset.UtcNow);
                if (!json) context.Console.MarkupLineInterpolated($"Backup {backup} is complete; docs/labeling.md says how to restore it after the next mx up.");
            }
            using var run = new StackRun(context, project, json);
            run.Workflow.Prepare(programs, createBackend: false);
            foreach (var program in programs)
                run.Run(program, "Destroying", onEvent => run.Workflow.DestroyAsync(program, onEvent, run.Interruption));
            if (json)
            {
                JsonOutput.Write(context, run.Result());
                return 0;
            }
            run.PrintSummary($"mx down: {project.ProjectName}, stack '{project.Stack}'");
            var kept = programs.SelectMany(InfraWorkflow.KeptBuckets).Where(b => b != project.BackendBucket).ToArray();
            if (kept.Length > 0)
                context.Console.MarkupLineInterpolated(
                    $"Kept with their objects, so no data or model is lost with the stack: {string.Join(", ", kept.Select(b => "gs://" + b))}; the next mx up takes them over again. Delete them in the console if you no longer need them.");
            if (programs.SelectMany(InfraWorkflow.KeptBackupPlans).Any())
                context.Console.MarkupLine(
                    "Kept the Backup for GKE plan of the labeling tool with its backups, so CVAT's labels outlive the cluster; the next mx up starts a " +
                    "new plan beside it, and docs/labeling.md says how to restore a kept backup into the new cluster.");
            if (project.BackendBucket is { } bucket)
                context.Console.MarkupLineInterpolated($"The state bucket gs://{bucket} is kept, with the stacks' history; delete it in the console if you no longer need it.");
            return 0;
        });
        return command;
    }
}
