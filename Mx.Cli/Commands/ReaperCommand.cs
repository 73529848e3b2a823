using System.CommandLine;
using System.Globalization;
using Mx.Pulumi.Reaper;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary><c>mx reaper log</c>: what the idle reaper warned, reclaimed and cleared, when and why.</summary>
internal static class ReaperCommand
{
    public static Command Create(CommandContext context) => new("reaper", "The idle GPU reaper (mx generate IdleReaper)")
    {
        Log(context),
    };

    private static Command Log(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var last = new Option<int>("--last") { HelpName = "N", Description = "Show the newest N entries (default 50)", DefaultValueFactory = _ => 50 };
        var command = new Command("log", "What the idle reaper warned, reclaimed and cleared, when and why, newest last. Example: mx reaper log --last 20")
        {
            json, last,
        };
        command.SetAction(int (parsed) =>
        {
            if (parsed.GetValue(last) < 1)
                throw new Mx.Generators.MxException($"--last {parsed.GetValue(last)}: give a number of entries of at least 1.");
            var (entries, unreadable) = ReaperLog.For(context.WorkingDirectory).Read();
            var shown = entries.TakeLast(parsed.GetValue(last)).ToArray();
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, new { Entries = shown, Unreadable = unreadable });
                return 0;
            }
            if (entries.Count == 0)
                context.Console.MarkupLine("The idle reaper has not warned or reclaimed anything yet.");
            else
            {
                var table = new Table().AddColumns("Time (UTC)", "Action", "Workload", "Owner", "Idle h", "Why", "Outcome");
                foreach (var e in shown)
                    table.AddRow(
                        e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                        Markup.Escape(e.DryRun ? $"{e.Action} (dry run)" : e.Action),
                        Markup.Escape($"{e.Kind} {e.Namespace}/{e.Name}"),
                        Markup.Escape(e.Owner ?? "-"),
                        e.IdleWorkHours.ToString(CultureInfo.InvariantCulture),
                        Markup.Escape(e.Reason),
                        Markup.Escape(e.Outcome));
                context.Console.Write(table);
            }
            if (unreadable > 0)
                context.Console.MarkupLineInterpolated($"[yellow]{unreadable} line(s) of the log could not be read and are not shown.[/]");
            return 0;
        });
        return command;
    }
}
