using System.CommandLine;
using Mx.Generators;
using Mx.Generators.BuiltIn.Streamlit;
using Mx.Pulumi;
using Mx.Pulumi.Apps;
using Mx.Pulumi.Gateway;

namespace Mx.Cli.Commands;

/// <summary><c>mx app deploy NAME</c> and <c>mx app logs NAME</c>: the project's Streamlit apps (mx generate StreamlitApp).</summary>
internal static class AppCommand
{
    public static Command Create(CommandContext context) => new("app", "The project's Streamlit apps behind Identity-Aware Proxy (mx generate StreamlitApp): mx app deploy NAME, mx app logs NAME")
    {
        Deploy(context),
        Logs(context),
    };

    private static Argument<string> NameArgument() => new("name") { Description = "The app, as in 'mx generate StreamlitApp --name NAME' (e.g. demo)" };

    private static Command Deploy(CommandContext context)
    {
        var name = NameArgument();
        var noOpen = new Option<bool>("--no-open") { Description = "Do not open the app in a browser when it is rolled out" };
        var command = new Command("deploy",
            "Build and push the app's image (tagged with the git commit), roll it out and print its URL. Example: mx app deploy demo") { name, noOpen };
        command.SetAction(parsed =>
        {
            var app = AppRollout.For(context.WorkingDirectory).Deploy(parsed.GetValue(name)!, message => context.Report.Line(message));
            context.Report.Line($"App '{app.Name}' is rolled out; commit {StreamlitApps.AppsKustomization}, which names its image, so 'mx up' keeps it.");
            context.Report.Line(app.Url);
            if (!parsed.GetValue(noOpen) && FrontDoorApps.OpenInBrowser(app.Url) is { } why)
                context.Report.Line($"Not opened in a browser: {why}. Open the URL above; Identity-Aware Proxy asks you to sign in with a Google account it allows.");
            return 0;
        });
        return command;
    }

    private static Command Logs(CommandContext context)
    {
        var name = NameArgument();
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C" };
        var command = new Command("logs", "Print the last 100 lines of the app's logs, or follow them. Example: mx app logs demo --follow") { name, follow };
        command.SetAction(parsed =>
        {
            using var interruption = new Interruption();
            AppRollout.For(context.WorkingDirectory).Logs(parsed.GetValue(name)!, parsed.GetValue(follow), line => context.Report.Line(line), interruption.Graceful);
            return interruption.Requested ? (int)ExitCode.Interrupted : 0;
        });
        return command;
    }
}
