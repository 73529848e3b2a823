using System.CommandLine;
using Mx.Pulumi.Gateway;

namespace Mx.Cli.Commands;

/// <summary><c>mx token NAME</c>: prints a token Identity-Aware Proxy accepts for an app, for programs such as curl.</summary>
internal static class TokenCommand
{
    public static Command Create(CommandContext context)
    {
        var name = OpenCommand.AppArgument();
        var command = new Command("token",
            "Print a token that Identity-Aware Proxy accepts for an app for the next hour, signed as the project's IAP caller account. " +
            "Example: curl -H \"Authorization: Bearer $(mx token serve)\" https://serve.acme-vision.acme.ai/v2/models/classifier/infer")
        {
            name,
        };
        command.SetAction(parsed =>
        {
            // Only the token goes to standard output, so that $(mx token NAME) is the header's value.
            context.Report.Line(IapToken.Sign(context.WorkingDirectory, parsed.GetValue(name)!, DateTimeOffset.UtcNow));
            return 0;
        });
        return command;
    }
}
