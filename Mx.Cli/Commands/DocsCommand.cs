using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Docs;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx docs build</c> builds the project's Sphinx docs (here, or in the project image with <c>--in-image</c>) and
/// fails on any warning; <c>mx docs serve</c> serves them with reload through sphinx-autobuild; <c>mx docs open</c> reads
/// the published docs from the private bucket.
/// </summary>
internal static class DocsCommand
{
    public const int DefaultPort = 8000;

    public static Command Create(CommandContext context)
    {
        var inImage = new Option<bool>("--in-image")
        {
            Description = "Build in the project image through docker (the Dockerfile's Python and dependencies) instead of with python3 here",
        };
        var build = new Command("build",
            "Build docs/ into docs/_build/html with Sphinx; any warning fails the build (exit 1) and is shown with its file and line. " +
            "Exit 2 when Sphinx or MyST is missing. Example: mx docs build") { inImage };
        build.SetAction(parsed =>
        {
            var site = DocsSite.For(context.WorkingDirectory);
            site.Build(parsed.GetValue(inImage), message => context.Report.Line(message));
            context.Report.Line($"Built the docs: {Path.Combine(site.OutputDirectory, "index.html")}");
            return 0;
        });

        var port = new Option<int>("--port")
        {
            Description = "Local port to serve the docs on",
            HelpName = "PORT",
            DefaultValueFactory = _ => DefaultPort,
        };
        var serve = new Command("serve",
            "Serve the docs on localhost, rebuilding them and reloading the browser on every change, until Ctrl+C (needs sphinx-autobuild). " +
            "Example: mx docs serve") { port };
        serve.SetAction(parsed =>
        {
            using var interruption = new Interruption();
            DocsSite.For(context.WorkingDirectory).Serve(parsed.GetValue(port), message => context.Report.Line(message), interruption);
            context.Report.Line("Stopped serving the docs.");
            return (int)ExitCode.Interrupted;
        });

        var open = new Command("open",
            "Read the docs the pipeline published (CloudBuild or GitHubActions) from the project's private bucket with your gcloud login " +
            $"into {PublishedDocs.CopyDirectory}/ and print the address of their index page. Example: mx docs open");
        open.SetAction(parsed =>
        {
            var index = PublishedDocs.For(context.WorkingDirectory).Download(message => context.Report.Line(message));
            context.Report.Line($"The published docs: {new Uri(index).AbsoluteUri}");
            return 0;
        });

        return new Command("docs", "Build, serve or open the project's Sphinx docs: mx docs build, mx docs serve, mx docs open") { build, serve, open };
    }
}
