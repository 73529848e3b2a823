using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Docs;
using Mx.Pulumi.Gateway;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx docs build</c> builds the project's Sphinx docs (here, or in the project image with <c>--in-image</c>) and
/// fails on any warning; <c>mx docs serve</c> serves them with reload through sphinx-autobuild; <c>mx docs open</c> opens
/// the published docs behind the project's Gateway, or reads them from the private bucket.
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

        var download = new Option<bool>("--download") { Description = "Read the docs from the bucket into a local copy even when they are served behind the project's Gateway" };
        var print = new Option<bool>("--print") { Description = "Only print the address; do not open a browser" };
        var open = new Command("open",
            "Open the docs the pipeline published (CloudBuild or GitHubActions): at https://docs.SUBDOMAIN.DOMAIN behind Identity-Aware Proxy when " +
            "the project has DeploymentInfrastructure, else read from the project's private bucket with your gcloud login into " +
            $"{PublishedDocs.CopyDirectory}/. Example: mx docs open") { download, print };
        open.SetAction(parsed =>
        {
            var published = PublishedDocs.For(context.WorkingDirectory);
            if (published.SiteUrl is { } site && !parsed.GetValue(download))
            {
                context.Report.Line($"The published docs: {site} (behind Identity-Aware Proxy; sign in with an account it allows)");
                if (!parsed.GetValue(print) && FrontDoorApps.OpenInBrowser(site) is { } why)
                    context.Report.Line($"Not opened in a browser: {why}. Open the address above, or read a local copy with 'mx docs open --download'.");
                return 0;
            }
            var index = published.Download(message => context.Report.Line(message));
            context.Report.Line($"The published docs: {new Uri(index).AbsoluteUri}");
            return 0;
        });

        return new Command("docs", "Build, serve or open the project's Sphinx docs: mx docs build, mx docs serve, mx docs open") { build, serve, open };
    }
}
