using System.CommandLine;
using System.Globalization;
using Mx.Pulumi.Monitoring;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx usage</c>: GPU-hours allocated and used per team, user or job, and what the idle hours cost, read from
/// Managed Service for Prometheus through the GMP frontend.
/// </summary>
internal static class UsageCommand
{
    public static Command Create(CommandContext context)
    {
        var by = new Option<string>("--by")
        {
            Description = "Group by team (namespace), user (the pods' mx.dev/user label) or job",
            HelpName = "team|user|job",
            DefaultValueFactory = _ => "team",
        };
        var since = new Option<string>("--since")
        {
            Description = "Window to add up, in hours, days or weeks (1h to 90d)",
            HelpName = "WINDOW",
            DefaultValueFactory = _ => "7d",
        };
        var json = JsonOutput.CreateOption();
        var command = new Command("usage", "GPU-hours allocated vs used per team, user or job, with the cost of idle GPUs. Example: mx usage --by user --since 7d")
        {
            by, since, json,
        };
        command.SetAction(parsed =>
        {
            var group = parsed.GetValue(by)!;
            var window = parsed.GetValue(since)!;
            GpuMonitoringCluster.GroupingLabel(group);
            GpuMonitoringCluster.Window(window);
            var rows = GpuMonitoringCluster.For(context.WorkingDirectory).Usage(group, window);
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, new { By = group, Since = window, Rows = rows });
                return 0;
            }
            if (rows.Count == 0)
            {
                context.Report.Line($"No GPU was allocated in the last {window}.");
                return 0;
            }
            var header = new[] { group.ToUpperInvariant(), "ALLOCATED GPU-H", "USED GPU-H", "IDLE GPU-H", "IDLE COST (USD)" };
            var cells = rows.Select(r => new[] { r.Name, Number(r.AllocatedHours), Number(r.UsedHours), Number(r.IdleHours), Number(r.IdleCost) })
                .Append(["total", Number(rows.Sum(r => r.AllocatedHours)), Number(rows.Sum(r => r.UsedHours)), Number(rows.Sum(r => r.IdleHours)), Number(rows.Sum(r => r.IdleCost))])
                .ToArray();
            var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
            string Line(string[] row) => string.Join("  ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
            context.Report.Line($"GPU usage over the last {window}:");
            context.Report.Line(Line(header));
            foreach (var row in cells) context.Report.Line(Line(row));
            return 0;
        });
        return command;
    }

    private static string Number(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
