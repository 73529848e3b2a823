using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Gateway;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx deploy</c>: enables platform deployments (kustomize directories under infra/k8s) by adding them to the
/// platform program and to state, then applies the platform stack alone.
/// </summary>
internal static class DeployCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new StackCommandOptions();
        var names = new Argument<string[]>("name") { Description = "Deployments to enable: directories under infra/k8s", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<bool>("--list") { Description = "List the deployments the project has and which are enabled; change nothing" };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh the platform stack's state from the cluster first" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply without showing a preview and asking first (required without a terminal)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show how the platform program would change, and change nothing (pulumi is not run)" };
        var command = new Command("deploy",
            "Enable platform deployments and apply the platform stack. Example: mx deploy training-infra --yes; mx deploy --list") { names, list, refresh, yes, dryRun };
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(list)) return List(context, options, parsed);
            var project = options.Load(context, parsed);
            var wanted = parsed.GetValue(names) ?? [];
            var program = project.Program(StackProgram.Platform);
            if (parsed.GetValue(dryRun))
            {
                if (wanted.Length == 0) throw new MxException("mx deploy --dry-run shows how enabling deployments changes the project: name them, e.g. 'mx deploy gpu-queues --dry-run'.");
                return (int)OutcomeReport.Print(context, PlatformDeployments.EnableInProject(project.Root, wanted, dryRun: true), dryRun: true);
            }
            if (!parsed.GetValue(yes) && !options.CanAsk(context, parsed))
                throw new MxException($"mx deploy applies the platform stack '{project.Stack}' of {project.ProjectName}, so without a terminal it needs --yes.");
            var json = parsed.GetValue(options.Json);
            // The edit is applied (under the project lock) before the stack run takes the lock for pulumi.
            var enabled = wanted.Length > 0 ? PlatformDeployments.EnableInProject(project.Root, wanted) : null;
            using var run = new StackRun(context, project, json);
            if (enabled is not null)
            {
                var changed = enabled.Changes.Any(c => c.Path == PlatformProgram.Path && c.TouchesDisk);
                run.Say(changed
                    ? $"Enabled {string.Join(", ", wanted)}: added to {PlatformProgram.Path} and {StateFile.RelativePath}"
                    : $"{string.Join(", ", wanted)} already enabled in {PlatformProgram.Path}");
            }
            run.Workflow.Prepare([program], createBackend: false);
            if (!parsed.GetValue(yes))
            {
                var preview = run.Run(program, "Previewing", onEvent => run.Workflow.PreviewAsync(program, parsed.GetValue(refresh), onEvent, run.Interruption), callOutReplacements: true);
                if (preview.Summary is not { NoChanges: true }
                    && !context.Console.Confirm($"Apply these changes to the platform stack '{project.Stack}' of {project.ProjectName}?", false))
                {
                    context.Console.MarkupLine("The platform stack was not changed; the deployments stay enabled for the next mx up or mx deploy.");
                    return 0;
                }
            }
            run.Run(program, "Updating", onEvent => run.Workflow.UpAsync(program, parsed.GetValue(refresh), onEvent, run.Interruption));
            var outputs = run.Workflow.RecordOutputs(program);
            if (json)
            {
                JsonOutput.Write(context, run.Result(outputs.ToDictionary(o => $"{program.Name}.{o.Key}", o => o.Value)));
                return 0;
            }
            run.PrintSummary($"mx deploy: {project.ProjectName}, stack '{project.Stack}'");
            return 0;
        });
        return command;
    }

    private static int List(CommandContext context, StackCommandOptions options, ParseResult parsed)
    {
        var root = ProjectPaths.RequireProjectRoot(context.WorkingDirectory);
        var enabled = StateFile.Load(root)!.Deployments;
        var available = PlatformDeployments.Available(root);
        // The apps behind the Gateway each deployment serves, with the URL 'mx open' prints.
        var apps = FrontDoorApps.InProject(root).ToLookup(a => a.Deployment);
        if (parsed.GetValue(options.Json))
        {
            JsonOutput.Write(context, available.Select(name => new
            {
                Name = name, Enabled = enabled.Contains(name), Directory = $"infra/k8s/{name}",
                Apps = apps[name].Select(a => new { a.Name, a.Url }).ToArray(),
            }));
            return 0;
        }
        var table = new Table().AddColumns("Deployment", "Enabled", "Directory", "Apps");
        foreach (var name in available)
            table.AddRow(Markup.Escape(name), enabled.Contains(name) ? "yes" : "no", Markup.Escape($"infra/k8s/{name}"),
                Markup.Escape(string.Join(", ", apps[name].Select(a => $"{a.Name} {a.Url}"))));
        context.Console.Write(table);
        return 0;
    }
}
