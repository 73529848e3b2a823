using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary><c>mx doctor</c>: the tools mx drives, their versions, and the fix for each one missing.</summary>
internal static class DoctorCommand
{
    public static Command Create(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var command = new Command("doctor",
            "Check the tools mx needs (pulumi, gcloud and its login, gke-gcloud-auth-plugin, kubectl, docker, python3). Example: mx doctor") { json };
        command.SetAction(parsed =>
        {
            var checks = Doctor.Check();
            if (parsed.GetValue(json)) JsonOutput.Write(context, checks);
            else Print(context.Console, checks);
            var blocking = checks.Where(c => !c.Ok && c.NeededByUp).Select(c => c.Name).ToArray();
            if (blocking.Length > 0)
                throw new MxException($"mx up cannot run without {string.Join(", ", blocking)}; the table above says how to fix each.");
            return 0;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, IReadOnlyList<ToolCheck> checks)
    {
        var table = new Table().AddColumns("Check", "Status", "Version", "Needed by mx up", "Fix");
        foreach (var check in checks)
            table.AddRow(
                Markup.Escape(check.Name),
                check.Ok ? "[green]ok[/]" : check.NeededByUp ? "[red]missing[/]" : "[yellow]missing[/]",
                Markup.Escape(check.Version ?? ""),
                check.NeededByUp ? "yes" : "no",
                Markup.Escape(check.Fix ?? ""));
        console.Write(table);
    }
}
