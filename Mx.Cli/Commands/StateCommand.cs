using System.CommandLine;
using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli.Commands;

internal static class StateCommand
{
    public static Command Create(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var show = new Command("show", "Print the project's answers, applied generators and deployments. Example: mx state show --json") { json };
        show.SetAction(parsed =>
        {
            var root = ProjectPaths.RequireProjectRoot(context.WorkingDirectory);
            var state = StateFile.Load(root)!;
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, new
                {
                    Root = root,
                    state.Schema,
                    state.MxVersion,
                    Answers = state.Answers.ToDictionary(a => a.Key, a => a.Value),
                    state.Generators,
                    state.Deployments,
                    Files = state.Files.Count,
                });
                return 0;
            }
            Print(context.Console, root, state);
            return 0;
        });
        return new Command("state", "Inspect the project's .mx/state.yaml") { show };
    }

    private static void Print(IAnsiConsole console, string root, ProjectState state)
    {
        console.MarkupLineInterpolated($"[bold]{root}[/] (state schema {state.Schema}, written by mx {state.MxVersion})");
        var answers = new Table().AddColumns("Answer", "Value");
        foreach (var (key, value) in state.Answers) answers.AddRow(Markup.Escape(key), Markup.Escape(Answers.Format(value)));
        console.Write(answers);
        var generators = new Table().AddColumns("Generator", "Version", "Source");
        foreach (var g in state.Generators) generators.AddRow(Markup.Escape(g.Name), Markup.Escape(g.Version), Markup.Escape(g.Source));
        console.Write(generators);
        console.MarkupLineInterpolated($"Deployments: {(state.Deployments.Count == 0 ? "none" : string.Join(", ", state.Deployments))}");
        console.MarkupLineInterpolated($"Files written by mx: {state.Files.Count}");
    }
}
