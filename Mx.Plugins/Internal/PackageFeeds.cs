using Mx.Generators;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;

namespace Mx.Plugins.Internal;

/// <summary>
/// Finds and downloads plugin packages with NuGet's own client libraries, so nuget.config sources and their
/// credentials apply exactly as they do for dotnet restore, and local folder feeds work too.
/// </summary>
internal sealed class PackageFeeds(string projectRoot, string workingDirectory)
{
    public FetchedPackage Fetch(string id, string? version, string? source)
    {
        var sources = Sources(source);
        var wanted = version is null ? null : ParseVersion(version);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var feed in sources)
        {
            var finder = Finder(feed);
            var versions = Run(feed, () => finder.GetAllVersionsAsync(id, cache, NullLogger.Instance, CancellationToken.None)).ToArray();
            if (versions.Length == 0) continue;
            var chosen = wanted is null
                ? versions.Where(v => !v.IsPrerelease).DefaultIfEmpty(versions.Max()!).Max()!
                : versions.FirstOrDefault(v => v == wanted) ?? throw new MxException(
                    $"{feed.Source} has {id} but not version {version}; it has {string.Join(", ", versions.Order().TakeLast(5))}. Pick one of those with --version.");
            using var bytes = new MemoryStream();
            var copied = Run(feed, () => finder.CopyNupkgToStreamAsync(id, chosen, bytes, cache, NullLogger.Instance, CancellationToken.None));
            if (!copied) continue;
            var package = new FetchedPackage(id, chosen.ToNormalizedString(), feed.Source, bytes.ToArray());
            CheckIdentity(package);
            return package;
        }
        throw new MxException(
            $"No package named {id}{(version is null ? "" : $" {version}")} was found on {string.Join(", ", sources.Select(s => s.Source))}. " +
            "Check the package id, or name the feed that has it with --source URL|FOLDER (or add it to nuget.config).");
    }

    private IReadOnlyList<PackageSource> Sources(string? explicitSource)
    {
        var settings = Settings.LoadDefaultSettings(projectRoot);
        var configured = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled).ToArray();
        if (explicitSource is null)
            return configured.Length > 0 ? configured : throw new MxException(
                "No NuGet package source is configured. Name one with --source URL|FOLDER, or add it to nuget.config.");
        var named = configured.FirstOrDefault(s => s.Name == explicitSource || s.Source == explicitSource);
        if (named is not null) return [named];
        if (Uri.TryCreate(explicitSource, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return [new PackageSource(explicitSource)];
        var folder = Path.GetFullPath(explicitSource, workingDirectory);
        return Directory.Exists(folder) ? [new PackageSource(folder)]
            : throw new MxException($"The package source '{explicitSource}' is neither a URL, a source named in nuget.config, nor an existing folder ({folder}).");
    }

    private static FindPackageByIdResource Finder(PackageSource feed) =>
        Run(feed, () => Repository.Factory.GetCoreV3(feed).GetResourceAsync<FindPackageByIdResource>())
        ?? throw new MxException($"{feed.Source} is not a NuGet feed mx can read packages from.");

    private static T Run<T>(PackageSource feed, Func<Task<T>> call)
    {
        try
        {
            return call().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is FatalProtocolException or HttpRequestException or IOException)
        {
            throw new MxException(
                $"mx could not read the package source {feed.Source}: {e.Message} Check the address and your network, and that " +
                "nuget.config holds credentials for it if it needs them.", ExitCode.BadInput, e);
        }
    }

    private static NuGetVersion ParseVersion(string version) =>
        NuGetVersion.TryParse(version, out var parsed) ? parsed
        : throw new MxException($"'{version}' is not a package version (e.g. 1.2.0 or 1.2.0-beta.1).");

    // A feed could serve a package whose manifest names another id or version than the one asked for.
    private static void CheckIdentity(FetchedPackage package)
    {
        try
        {
            using var reader = new PackageArchiveReader(new MemoryStream(package.Bytes));
            var identity = reader.GetIdentity();
            if (!string.Equals(identity.Id, package.Id, StringComparison.OrdinalIgnoreCase) || identity.Version.ToNormalizedString() != package.Version)
                throw new MxException(
                    $"{package.Source} served a package that calls itself {identity.Id} {identity.Version} when {package.Id} {package.Version} was asked for. " +
                    "mx will not install it; report this to the feed's owners.");
        }
        catch (Exception e) when (e is InvalidDataException or NuGet.Packaging.Core.PackagingException)
        {
            throw new MxException($"{package.Id} {package.Version} from {package.Source} is not a valid NuGet package ({e.Message}).", ExitCode.BadInput, e);
        }
    }
}
