using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Pulumi;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx up</c>: creates the state bucket the first time, then runs the cluster program and the platform program
/// (which reads the cluster's outputs), and stores the stack outputs that are not secret in state.
/// </summary>
internal static class UpCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new StackCommandOptions();
        var only = new Option<string?>("--only") { Description = "Run one program: cluster or platform", HelpName = "cluster|platform" };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh the stacks' state from the cloud first (after changes made outside pulumi)" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply without showing a preview and asking first (required without a terminal)" };
        var command = new Command("up",
            "Create or update the project's infrastructure: the GKE cluster stack, then the Kubernetes platform stack. " +
            "Example: mx up --stack dev --yes") { only, refresh, yes };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var project = options.Load(context, parsed);
            var programs = StackCommandOptions.Select(project, parsed.GetValue(only), StackProgram.UpOrder);
            var confirmEach = !parsed.GetValue(yes);
            if (confirmEach && !options.CanAsk(context, parsed))
                throw new MxException($"mx up changes real infrastructure in GCP project {project.GcpProject} (stack '{project.Stack}'), so without a " +
                                      "terminal it needs --yes. Run 'mx preview' to see what it would change, then 'mx up --yes'.");
            var json = parsed.GetValue(options.Json);
            using var run = new StackRun(context, project, json);
            run.Workflow.Prepare(programs, createBackend: true);
            var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var program in programs)
            {
                if (confirmEach && !PreviewAndConfirm(context, run, program, parsed.GetValue(refresh)))
                {
                    context.Console.MarkupLineInterpolated($"Stopped before changing the {program.Name} stack; nothing more was changed.");
                    break;
                }
                run.Run(program, "Updating", onEvent => run.Workflow.UpAsync(program, parsed.GetValue(refresh), onEvent, run.Interruption));
                foreach (var (name, value) in run.Workflow.RecordOutputs(program)) outputs[$"{program.Name}.{name}"] = value;
            }
            if (json)
            {
                JsonOutput.Write(context, run.Result(outputs));
                return 0;
            }
            run.PrintSummary($"mx up: {project.ProjectName}, stack '{project.Stack}'");
            PrintOutputs(context.Console, outputs);
            PrintManualSteps(context, outputs);
            return 0;
        });
        return command;
    }

    private static bool PreviewAndConfirm(CommandContext context, StackRun run, StackProgram program, bool refresh)
    {
        var preview = run.Run(program, "Previewing", onEvent => run.Workflow.PreviewAsync(program, refresh, onEvent, run.Interruption), callOutReplacements: true);
        if (preview.Summary is { NoChanges: true }) return true;
        return context.Console.Confirm($"Apply these changes to the {program.Name} stack '{run.Project.Stack}' of {run.Project.ProjectName} (GCP project {run.Project.GcpProject})?", false);
    }

    // A connection to GitHub cannot be authorised by a program: someone signs in to GitHub once, in a browser.
    private static void PrintManualSteps(CommandContext context, IReadOnlyDictionary<string, string> outputs)
    {
        if (!outputs.TryGetValue($"{StackProgram.Cluster}.{Mx.Generators.BuiltIn.CloudBuild.CloudBuild.AuthorizationOutput}", out var link) ||
            !link.StartsWith("https://", StringComparison.Ordinal))
            return;
        context.Report.Line($"One manual step is left for Cloud Build: open {link} in a browser, sign in to GitHub, authorise Cloud Build and install its " +
                            "GitHub app on the repository. Then run 'mx generate CloudBuild --github-connected true' and 'mx up' to add the triggers.");
    }

    private static void PrintOutputs(IAnsiConsole console, IReadOnlyDictionary<string, string> outputs)
    {
        if (outputs.Count == 0) return;
        var table = new Table().Title("Stack outputs (secrets are not shown or stored)").AddColumns("Output", "Value");
        foreach (var (name, value) in outputs) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        console.Write(table);
    }
}
