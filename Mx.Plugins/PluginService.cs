using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Plugins.Internal;

namespace Mx.Plugins;

/// <summary>
/// <c>mx plugin add|restore|remove|list</c>: installs plugin packages into the per-user cache and pins id,
/// version and hash in the project's state, so every engineer and CI runs exactly the same plugin code.
/// </summary>
/// <param name="confirmUntrustedSource">
/// Asks the user whether to trust a package source the project does not trust yet; false when nobody can be asked.
/// </param>
public sealed class PluginService(PluginCache cache, string workingDirectory, Func<string, bool> confirmUntrustedSource)
{
    public sealed record Installed(PluginPin Pin, IReadOnlyList<IGenerator> Generators);

    public Installed Add(string id, string? version, string? source, bool trust)
    {
        var root = ProjectRoot();
        var state = StateFile.Load(root)!;
        var package = new PackageFeeds(root, workingDirectory).Fetch(id, version, source);
        var stored = Stored(root, package.Source);
        // Trust comes before verification, because verifying a plugin loads it, and loading runs its code.
        var trusted = state.TrustedSources.Contains(stored) || state.TrustedSources.Contains(package.Source) || trust || confirmUntrustedSource(stored);
        if (!trusted)
            throw new MxException(
                $"{package.Source} is not one of this project's trusted plugin sources, and a plugin runs code on every engineer's " +
                $"machine. If you trust it, run again with --trust; it is then recorded in {StateFile.RelativePath} for the team.");

        var generators = PluginHost.Discover(package.Id, package.Bytes);
        var pin = new PluginPin(package.Id, package.Version, PackageHash.Of(package.Bytes), stored);
        var otherPins = state.Plugins.Where(p => !string.Equals(p.Id, package.Id, StringComparison.OrdinalIgnoreCase)).ToArray();
        // Fails on a generator name that a built-in or another plugin already uses.
        _ = new GeneratorCatalog(BuiltInGenerators.All.Select(g => (g, GeneratorCatalog.BuiltInSource))
            .Concat(new PluginHost(cache).Load(otherPins)).Concat(generators.Select(g => (g, package.Id))));

        cache.Store(package.Id, package.Version, package.Bytes);
        Save(root, state with
        {
            Plugins = otherPins.Append(pin).OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToArray(),
            TrustedSources = state.TrustedSources.Union([stored]).ToArray(),
        });
        return new Installed(pin, generators);
    }

    /// <summary>Installs exactly what state pins, refusing any package whose bytes differ from the pinned hash.</summary>
    public IReadOnlyList<Installed> Restore(string? source)
    {
        var root = ProjectRoot();
        var state = StateFile.Load(root)!;
        var feeds = new PackageFeeds(root, workingDirectory);
        var installed = new List<Installed>();
        foreach (var pin in state.Plugins)
        {
            var cached = cache.Read(pin.Id, pin.Version);
            if (cached is null || PackageHash.Of(cached) != pin.Sha512)
            {
                var package = feeds.Fetch(pin.Id, pin.Version, source ?? Resolved(root, pin.Source));
                var hash = PackageHash.Of(package.Bytes);
                if (hash != pin.Sha512)
                    throw new MxException(
                        $"{package.Source} serves {pin.Id} {pin.Version} with a different hash than {StateFile.RelativePath} pins " +
                        $"(pinned {pin.Sha512[..23]}…, served {hash[..23]}…): the package was republished or tampered with. mx will not " +
                        "install it. Ask its publisher; to move to what the feed serves now, run 'mx plugin add' again deliberately.");
                cache.Store(pin.Id, pin.Version, package.Bytes);
                cached = package.Bytes;
            }
            installed.Add(new Installed(pin, PluginHost.Discover(pin.Id, cached)));
        }
        return installed;
    }

    public PluginPin Remove(string id)
    {
        var root = ProjectRoot();
        var state = StateFile.Load(root)!;
        var pin = state.Plugins.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase)) ?? throw new MxException(
            $"This project has no plugin {id}. Its plugins: {(state.Plugins.Count == 0 ? "none" : string.Join(", ", state.Plugins.Select(p => p.Id)))}.");
        Save(root, state with { Plugins = state.Plugins.Where(p => p != pin).ToArray() });
        return pin;
    }

    public IReadOnlyList<PluginStatus> List()
    {
        var state = StateFile.Load(ProjectRoot())!;
        var host = new PluginHost(cache);
        return state.Plugins.Select(pin =>
        {
            try
            {
                return new PluginStatus(pin, host.Load(pin), null);
            }
            catch (MxException e)
            {
                return new PluginStatus(pin, [], e.Message);
            }
        }).ToArray();
    }

    // A folder feed is recorded relative to the project root ("./vendor"), so the pin works in every clone and
    // on every teammate's machine; URLs and nuget.config source names are recorded as they are.
    private static string Stored(string root, string source)
    {
        if (!Path.IsPathFullyQualified(source) || !Directory.Exists(source)) return source;
        var relative = Path.GetRelativePath(root, source);
        if (Path.IsPathFullyQualified(relative)) return source;
        relative = relative.Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? "./" : relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." ? relative : "./" + relative;
    }

    private static string Resolved(string root, string source) =>
        source.StartsWith("./", StringComparison.Ordinal) || source.StartsWith("../", StringComparison.Ordinal) || source is "." or ".."
            ? Path.GetFullPath(source, root)
            : source;

    private string ProjectRoot() => ProjectPaths.RequireProjectRoot(workingDirectory, ", and plugins are pinned per project");

    private static void Save(string root, ProjectState state)
    {
        using (ProjectLock.Acquire(root)) StateFile.Save(root, state);
    }
}
