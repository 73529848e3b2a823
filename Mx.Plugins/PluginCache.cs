using Mx.Generators.Internal;

namespace Mx.Plugins;

/// <summary>
/// The per-user folder where plugin packages are kept, one <c>.nupkg</c> per id and version
/// (<c>$MX_HOME/plugins</c>, by default <c>~/.mx/plugins</c>). Packages are verified against the project's pin
/// every time they are loaded, so the cache is never trusted on its own.
/// </summary>
public sealed class PluginCache(string root)
{
    public static PluginCache ForCurrentUser()
    {
        var home = Environment.GetEnvironmentVariable("MX_HOME") is { Length: > 0 } mxHome
            ? mxHome
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".mx");
        return new PluginCache(Path.Combine(home, "plugins"));
    }

    public string Root => root;

    public string PackagePath(string id, string version)
    {
        var (lowerId, lowerVersion) = (id.ToLowerInvariant(), version.ToLowerInvariant());
        return Path.Combine(root, lowerId, lowerVersion, $"{lowerId}.{lowerVersion}.nupkg");
    }

    public byte[]? Read(string id, string version)
    {
        var path = PackagePath(id, version);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    public void Store(string id, string version, byte[] package)
    {
        var path = PackagePath(id, version);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, package);
    }
}
