using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Pulumi;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary><c>mx preview</c>: what <c>mx up</c> would change, with replacements called out before anything happens.</summary>
internal static class PreviewCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new StackCommandOptions();
        var only = new Option<string?>("--only") { Description = "Preview one program: cluster or platform", HelpName = "cluster|platform" };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh the stacks' state from the cloud first" };
        var command = new Command("preview", "Show what 'mx up' would change, without changing anything. Example: mx preview --stack dev") { only, refresh };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var project = options.Load(context, parsed);
            var programs = StackCommandOptions.Select(project, parsed.GetValue(only), StackProgram.UpOrder);
            var json = parsed.GetValue(options.Json);
            // The platform program reads the cluster stack's outputs, which exist only once the cluster is up.
            var clusterDeployed = project.State.Infra.Outputs.Keys.Any(k => k.StartsWith(StackProgram.Cluster + ".", StringComparison.Ordinal));
            var skipped = parsed.GetValue(only) is null && !clusterDeployed ? programs.Where(p => p.Name == StackProgram.Platform).ToArray() : [];
            programs = programs.Except(skipped).ToArray();
            using var run = new StackRun(context, project, json);
            run.Workflow.Prepare(programs, createBackend: false);
            foreach (var program in programs)
                run.Run(program, "Previewing", onEvent => run.Workflow.PreviewAsync(program, parsed.GetValue(refresh), onEvent, run.Interruption), callOutReplacements: true);
            if (json)
            {
                JsonOutput.Write(context, run.Result());
                return 0;
            }
            run.PrintSummary($"mx preview: {project.ProjectName}, stack '{project.Stack}' (nothing was changed)");
            foreach (var program in skipped)
                context.Console.MarkupLineInterpolated(
                    $"The {program.Name} program reads the cluster stack's outputs, so it can be previewed once 'mx up' has created the cluster.");
            return 0;
        });
        return command;
    }
}
