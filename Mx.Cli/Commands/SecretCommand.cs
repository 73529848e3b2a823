using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi.Monitoring;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx secret set slack-webhook</c>: the one secret of GPU monitoring, the Slack webhook its alerts go to. The value
/// comes from standard input or a hidden prompt, never from the command line (which shells keep in their history).
/// </summary>
internal static class SecretCommand
{
    public static Command Create(CommandContext context)
    {
        var name = new Argument<string>("NAME") { Description = "The secret: slack-webhook" };
        var noInput = new Option<bool>("--no-input") { Description = "Never prompt; read the value from standard input" };
        var set = new Command("set", "Store a secret in the cluster, read from standard input or a hidden prompt. Example: mx secret set slack-webhook < webhook.txt")
        {
            name, noInput,
        };
        set.SetAction(parsed =>
        {
            var secret = parsed.GetValue(name);
            if (secret != "slack-webhook")
                throw new MxException($"mx knows one secret, slack-webhook (where GPU alerts go), not '{secret}'. Example: mx secret set slack-webhook");
            var cluster = GpuMonitoringCluster.For(context.WorkingDirectory);
            string value;
            if (Console.IsInputRedirected)
                value = Console.In.ReadToEnd();
            else if (!parsed.GetValue(noInput) && context.Console.Profile.Capabilities.Interactive)
                value = context.Console.Prompt(new TextPrompt<string>("Slack webhook URL:").Secret());
            else
                throw new MxException("mx reads the webhook from standard input or asks for it on a terminal, and got neither. " +
                                      "Pipe it in: mx secret set slack-webhook < webhook.txt");
            cluster.SetSlackWebhook(value, message => context.Report.Line(message));
            return 0;
        });
        return new Command("secret", "Set secrets the project's cluster needs, never stored in git: mx secret set slack-webhook") { set };
    }
}
