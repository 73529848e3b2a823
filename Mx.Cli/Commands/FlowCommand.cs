using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Tracking;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx flow connect</c> keeps a port-forward to the project's MLflow tracking server up until Ctrl+C;
/// <c>mx flow status</c> says whether the server answers and which MLflow it runs.
/// </summary>
internal static class FlowCommand
{
    public static Command Create(CommandContext context)
    {
        Option<int> Port() => new("--port")
        {
            // The default is shown by System.CommandLine from the factory; the description must not repeat it.
            Description = "Local port of the forward (the server accepts only the ports in its --allowed-hosts)",
            HelpName = "PORT",
            DefaultValueFactory = _ => TrackingServer.DefaultPort,
        };

        var connectPort = Port();
        var connect = new Command("connect",
            "Forward the MLflow tracking server to this machine and keep the forward up until Ctrl+C. Example: mx flow connect") { connectPort };
        connect.SetAction(parsed =>
        {
            var server = TrackingServer.For(context.WorkingDirectory);
            using var interruption = new Interruption();
            server.Connect(parsed.GetValue(connectPort), message => context.Report.Line(message), interruption);
            context.Report.Line("Stopped forwarding the tracking server.");
            return (int)ExitCode.Interrupted;
        });

        var statusPort = Port();
        var status = new Command("status", "Say whether the MLflow tracking server answers, and which MLflow version it runs. Example: mx flow status")
        {
            statusPort,
        };
        status.SetAction(parsed =>
        {
            var port = parsed.GetValue(statusPort);
            var found = TrackingServer.For(context.WorkingDirectory).Status(port);
            context.Report.Line($"MLflow {found.Version} answers at {TrackingServer.Url(port)}" +
                (found.TemporaryForward ? " (through a port-forward opened for this check; 'mx flow connect' keeps one up)." : "."));
            return 0;
        });

        return new Command("flow", "Reach the project's MLflow tracking server: mx flow connect, mx flow status") { connect, status };
    }
}
