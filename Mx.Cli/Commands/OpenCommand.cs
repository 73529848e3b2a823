using System.CommandLine;
using Mx.Pulumi.Gateway;

namespace Mx.Cli.Commands;

/// <summary><c>mx open NAME</c>: prints the URL of an app behind the project's Gateway and opens it in the browser.</summary>
internal static class OpenCommand
{
    /// <summary>The NAME of an app behind the Gateway, as mx open and mx token take it.</summary>
    public static Argument<string> AppArgument() =>
        new("name") { Description = "The app: its route's mx.dev/app label (e.g. demo, serve); 'mx deploy --list' shows them" };

    public static Command Create(CommandContext context)
    {
        var name = AppArgument();
        var print = new Option<bool>("--print") { Description = "Only print the URL; do not open a browser" };
        var command = new Command("open", "Print the URL of an app behind the project's Gateway and open it in the browser. Example: mx open demo") { name, print };
        command.SetAction(parsed =>
        {
            var app = FrontDoorApps.Find(context.WorkingDirectory, parsed.GetValue(name)!);
            context.Report.Line(app.Url);
            if (parsed.GetValue(print)) return 0;
            if (FrontDoorApps.OpenInBrowser(app.Url) is { } why)
                context.Report.Line($"Not opened in a browser: {why}. Open the URL above; Identity-Aware Proxy asks you to sign in with a Google account it allows.");
            return 0;
        });
        return command;
    }
}
