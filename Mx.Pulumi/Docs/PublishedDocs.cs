using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Generators.BuiltIn.Docs;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Docs;

/// <summary>
/// <c>mx docs open</c>: the docs the pipeline published to the project's private bucket. With the front door they are
/// served behind Identity-Aware Proxy at <see cref="SiteUrl"/>; without it they are read with the engineer's own gcloud
/// login (engineers hold objectViewer on the bucket) into a local copy, because the bucket is never public and a
/// browser cannot sign in to it.
/// </summary>
public sealed class PublishedDocs
{
    /// <summary>The local copy, beside <c>mx docs build</c>'s output and ignored by git like it.</summary>
    public const string CopyDirectory = "docs/_build/published";

    private readonly string _root;
    private readonly string _bucket;
    private readonly string _gcpProject;
    private readonly ToolRunner _runner;

    private PublishedDocs(string root, string bucket, string gcpProject, string? siteUrl, ToolRunner runner) =>
        (_root, _bucket, _gcpProject, SiteUrl, _runner) = (root, bucket, gcpProject, siteUrl, runner);

    public static PublishedDocs For(string workingDirectory)
    {
        var root = ProjectPaths.RequireProjectRoot(workingDirectory, "mx docs open reads a generated project's published docs");
        var state = StateFile.Load(root)!;
        if (OnePipeline.Applied(state) is null)
            throw new MxException("Nothing publishes this project's docs yet: 'mx generate CloudBuild' (or GitHubActions) adds a pipeline that " +
                                  "publishes them to a private bucket on every push to the main branch. Until then, 'mx docs build' builds them " +
                                  $"here into {ProjectDocs.OutputDirectory}/index.html.");
        var skeleton = SkeletonAnswers.From(state.Answers);
        var site = DocsApp.IsServed(state) ? $"https://{FrontDoor.AppHost(state.Answers, DocsApp.App)}" : null;
        return new PublishedDocs(root, skeleton.DocsBucket, skeleton.GcpProject, site, ToolRunner.Default);
    }

    public string Bucket => _bucket;

    /// <summary>The docs' address behind the project's front door (DeploymentInfrastructure), or null without one.</summary>
    public string? SiteUrl { get; }

    /// <summary>Brings the local copy up to date with the bucket and returns its index page.</summary>
    public string Download(Action<string> say)
    {
        var copy = Path.Combine(_root, CopyDirectory);
        Directory.CreateDirectory(copy);
        say($"Reading the published docs from gs://{_bucket} into {CopyDirectory}/");
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.MirrorBucket(_bucket, copy, _gcpProject), $"reading gs://{_bucket}")
        {
            Remedy = $"The bucket exists after 'mx up' and is readable by the project's engineers (the 'engineers' answer); check that " +
                     "'gcloud auth login' is done with one of them.",
        });
        var index = Path.Combine(copy, "index.html");
        if (!File.Exists(index))
            throw new MxException($"gs://{_bucket} holds no index.html: the pipeline publishes the docs on its first run on the main branch. " +
                                  "Push to main (or run the trigger) and try again; 'mx docs build' builds them here meanwhile.", ExitCode.Failed);
        return index;
    }
}
