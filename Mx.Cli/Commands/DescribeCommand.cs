using System.CommandLine;
using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli.Commands;

internal static class DescribeCommand
{
    public static Command Create(CommandContext context)
    {
        var name = new Argument<string>("generator") { Description = "The generator to describe, e.g. MLProjectSkeleton" };
        var json = JsonOutput.CreateOption();
        var command = new Command("describe", "Show a generator's parameters, requirements and files. Example: mx describe MLProjectSkeleton") { name, json };
        command.SetAction(parsed =>
        {
            var generator = context.Catalog.Get(parsed.GetValue(name)!);
            var source = context.Catalog.SourceOf(generator);
            if (parsed.GetValue(json)) JsonOutput.Write(context, Describe(generator, source));
            else Print(context.Console, generator, source);
            return 0;
        });
        return command;
    }

    private static object Describe(IGenerator g, string source) => new
    {
        g.Name,
        Source = source,
        g.Summary,
        g.Version,
        g.Requires,
        Parameters = g.Parameters.Select(p => new
        {
            p.Key,
            Option = "--" + p.OptionName,
            Type = TypeName(p.Type),
            Default = DefaultText(p),
            Validation = p.ValidationDescription,
            p.Prompt,
        }),
        Writes = g.Writes,
    };

    private static void Print(IAnsiConsole console, IGenerator g, string source)
    {
        console.MarkupLineInterpolated($"[bold]{g.Name}[/] {g.Version} ({source}): {g.Summary}");
        console.MarkupLineInterpolated($"Requires: {(g.Requires.Count == 0 ? "nothing" : string.Join(", ", g.Requires))}");
        console.WriteLine();
        var table = new Table().AddColumns("Option", "Answer", "Type", "Default", "Validation", "Prompt");
        foreach (var p in g.Parameters)
            table.AddRow(Markup.Escape("--" + p.OptionName), Markup.Escape(p.Key), TypeName(p.Type),
                Markup.Escape(DefaultText(p) ?? "(required)"), Markup.Escape(p.ValidationDescription ?? ""), Markup.Escape(p.Prompt));
        console.Write(table);
        console.WriteLine();
        console.MarkupLine("Writes:");
        foreach (var path in g.Writes) console.MarkupLineInterpolated($"  {path}");
    }

    private static string? DefaultText(Parameter p)
    {
        if (p.DefaultDescription is not null) return p.DefaultDescription;
        return p.Default?.Invoke(Answers.Empty) is { } value ? Answers.Format(value) : null;
    }

    private static string TypeName(ParameterType type) => type switch
    {
        ParameterType.StringList => "list",
        _ => type.ToString().ToLowerInvariant(),
    };
}
