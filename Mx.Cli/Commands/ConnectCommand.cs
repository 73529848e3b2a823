using System.CommandLine;
using Mx.Cli.Rendering;
using Spectre.Console;
using Mx.Pulumi;

namespace Mx.Cli.Commands;

/// <summary><c>mx connect</c>: a kube context for the project's cluster, named <c>mx-&lt;project&gt;-&lt;stack&gt;</c>.</summary>
internal static class ConnectCommand
{
    public static Command Create(CommandContext context)
    {
        var options = new StackCommandOptions();
        var command = new Command("connect",
            "Add the project's cluster to your kubeconfig as context mx-<project>-<stack> and switch to it. Example: mx connect --stack dev");
        options.AddTo(command);
        command.SetAction(parsed =>
        {
            var project = options.Load(context, parsed);
            var json = parsed.GetValue(options.Json);
            var name = ClusterConnection.Connect(project, message =>
            {
                if (!json) context.Console.MarkupLineInterpolated($"[bold]{message}[/]");
            });
            if (json) JsonOutput.Write(context, new { Context = name });
            else context.Console.MarkupLineInterpolated($"kubectl now uses context {name}. Try: kubectl get nodes");
            return 0;
        });
        return command;
    }
}
