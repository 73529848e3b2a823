using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Monitoring;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary><c>mx doctor</c>: the tools mx drives, their versions, and the fix for each one missing.</summary>
internal static class DoctorCommand
{
    public static Command Create(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var command = new Command("doctor",
            "Check the tools mx needs (pulumi, gcloud and its login, gke-gcloud-auth-plugin, kubectl, docker and its daemon, python3) and, in a project with GPU monitoring or the idle reaper, that the Slack webhook is in the cluster. Example: mx doctor") { json };
        command.SetAction(parsed =>
        {
            var checks = Check(context, showProgress: !parsed.GetValue(json));
            // In a project, what its applied generators need from the cluster too, once kubectl is known to be there.
            if (SlackWebhookCheck.For(context.WorkingDirectory) is { } slack) checks = [.. checks, slack];
            if (parsed.GetValue(json)) JsonOutput.Write(context, checks);
            else Print(context, checks);
            var blocking = checks.Where(c => !c.Ok && c.NeededByUp).Select(c => c.Name).ToArray();
            if (blocking.Length > 0)
                throw new MxException($"mx up cannot run without {string.Join(", ", blocking)}; the fixes above say how to get each.");
            return 0;
        });
        return command;
    }

    // A cold check takes seconds (gcloud alone starts a Python interpreter twice), so a terminal shows what is
    // still running; piped output gets only the result.
    private static IReadOnlyList<ToolCheck> Check(CommandContext context, bool showProgress)
    {
        if (!showProgress || Console.IsOutputRedirected || !context.Console.Profile.Capabilities.Interactive) return Doctor.Check();
        return context.Console.Status().Start("Checking pulumi, gcloud, kubectl, docker and python3…", status =>
            Doctor.Check(progress => status.Status(progress.Running.Count == 0
                ? "Checked every tool."
                : $"Checked {progress.Done} of {progress.Total}; waiting for {string.Join(", ", progress.Running)}…")));
    }

    private static void Print(CommandContext context, IReadOnlyList<ToolCheck> checks)
    {
        var console = context.Console;
        var table = new Table().AddColumns("Check", "Status", "Version", "Needed by mx up");
        foreach (var check in checks)
            table.AddRow(
                Markup.Escape(check.Name),
                check.Ok ? "[green]ok[/]" : check.NeededByUp ? "[red]missing[/]" : "[yellow]missing[/]",
                Markup.Escape(check.Version ?? ""),
                check.NeededByUp ? "yes" : "no");
        console.Write(table);
        // Below the table and written past Spectre's wrapping: a fix is a command to copy, whole, from one line.
        var fixes = checks.Where(c => c.Fix is not null).ToArray();
        if (fixes.Length == 0) return;
        var output = console.Profile.Out.Writer;
        output.WriteLine();
        output.WriteLine("To fix:");
        foreach (var check in fixes) output.WriteLine($"  {check.Name}: {check.Fix}");
        output.Flush();
    }
}
