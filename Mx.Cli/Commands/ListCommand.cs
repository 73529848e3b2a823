using System.CommandLine;
using Spectre.Console;

namespace Mx.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var command = new Command("list", "List the generators mx can run. Example: mx list") { json };
        command.SetAction(parsed =>
        {
            var generators = context.Catalog.All;
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, generators.Select(g => new { g.Name, g.Summary, g.Version, Source = context.Catalog.SourceOf(g) }));
                return 0;
            }
            var table = new Table().Border(TableBorder.None).AddColumns("Generator", "Source", "Summary");
            foreach (var g in generators) table.AddRow(Markup.Escape(g.Name), Markup.Escape(context.Catalog.SourceOf(g)), Markup.Escape(g.Summary));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }
}
