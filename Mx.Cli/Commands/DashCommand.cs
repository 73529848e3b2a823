using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Monitoring;

namespace Mx.Cli.Commands;

/// <summary><c>mx dash</c>: forwards the project's Grafana (GpuMonitoring) to this machine until Ctrl+C and prints its URL.</summary>
internal static class DashCommand
{
    public static Command Create(CommandContext context)
    {
        var port = new Option<int>("--port")
        {
            Description = "Local port of the forward",
            HelpName = "PORT",
            DefaultValueFactory = _ => GpuMonitoringCluster.DefaultDashPort,
        };
        var command = new Command("dash", "Forward the GPU dashboards (Grafana) to this machine until Ctrl+C and print their URL. Example: mx dash") { port };
        command.SetAction(parsed =>
        {
            var cluster = GpuMonitoringCluster.For(context.WorkingDirectory);
            using var interruption = new Interruption();
            cluster.Dash(parsed.GetValue(port), message => context.Report.Line(message), interruption);
            context.Report.Line("Stopped forwarding Grafana.");
            return (int)ExitCode.Interrupted;
        });
        return command;
    }
}
