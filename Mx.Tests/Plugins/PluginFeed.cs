using Mx.Tests.Support;

namespace Mx.Tests.Plugins;

/// <summary>
/// Local NuGet feeds built once for the plugin tests, the way a venture team would: the mx generator SDK packed
/// as packages, and plugins built against it. Each run uses a fresh SDK version, so no cache ever serves a stale
/// SDK from an earlier run. Restores put packages in this run's own folder (NUGET_PACKAGES), reading the user's
/// global packages folder only as a fallback: a test run must not leave timestamped SDK builds in it.
/// </summary>
public sealed class PluginFeed : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<string, string> _environment;
    private readonly string _fallback = $"-p:RestoreFallbackFolders={DotnetCli.UserPackagesFolder}";

    public PluginFeed()
    {
        _environment = new() { ["NUGET_PACKAGES"] = _dir.Combine("nuget-packages") };
        var stamp = (long)(DateTime.UtcNow - new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalSeconds;
        SdkVersion = $"0.1.{stamp}";
        Feed = _dir.Combine("feed");
        WrongSdkFeed = _dir.Combine("feed-sdk9");

        PackSdk(SdkVersion, assemblyVersion: "0.1.0.0", Feed);
        PackPlugin(Path.Combine(Repository.Samples, "Acme.Mx.Generators"), SdkVersion, Feed);
        PackPlugin(Path.Combine(Repository.Root, "Mx.Tests", "PluginFixtures", "Misbehaving.Mx.Generators"), SdkVersion, Feed);
        PackSdk($"9.0.{stamp}", assemblyVersion: "9.0.0.0", WrongSdkFeed);
        PackPlugin(Path.Combine(Repository.Root, "Mx.Tests", "PluginFixtures", "Misbehaving.Mx.Generators"), $"9.0.{stamp}", WrongSdkFeed, "-p:PackageId=WrongSdk.Mx.Generators");
    }

    public string SdkVersion { get; }

    /// <summary>The SDK, Acme.Mx.Generators and Misbehaving.Mx.Generators.</summary>
    public string Feed { get; }

    /// <summary>WrongSdk.Mx.Generators, built against SDK 9.x.</summary>
    public string WrongSdkFeed { get; }

    public string Scratch(string name) => Directory.CreateDirectory(_dir.Combine(name)).FullName;

    /// <summary>Builds (test or pack) a plugin project against this run's SDK.</summary>
    public void Dotnet(string workingDirectory, params string[] args) =>
        DotnetCli.Run(workingDirectory, _environment, [.. args, $"-p:MxSdkVersion={SdkVersion}", $"-p:RestoreAdditionalProjectSources={Feed}", _fallback]);

    /// <summary>
    /// Builds a scaffolded plugin project as its README says, with nothing but its own nuget.config: no SDK version
    /// or extra source is given. Restores go to a fresh packages folder, read the user's only as a fallback, and
    /// every HTTP request fails, so the mx SDK can only have come from the project's ./sdk folder feed.
    /// </summary>
    public string DotnetOffline(string workingDirectory, params string[] args)
    {
        var packages = _dir.Combine("offline-packages-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = packages,
            ["HTTP_PROXY"] = "http://127.0.0.1:9", ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["http_proxy"] = "http://127.0.0.1:9", ["https_proxy"] = "http://127.0.0.1:9",
        };
        // Vulnerability data is the one thing restore fetches even when every package is at hand.
        DotnetCli.Run(workingDirectory, environment, [.. args, _fallback, "-p:NuGetAudit=false"]);
        return packages;
    }

    // Packed from a copy of the sources, so these Release builds never race a build in the repository.
    private void PackSdk(string version, string assemblyVersion, string output)
    {
        var copy = _dir.Combine("sdk-" + version);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            Directory.CreateDirectory(copy);
            File.Copy(Path.Combine(Repository.Root, file), Path.Combine(copy, file));
        }
        foreach (var project in new[] { "Mx.Templates", "Mx.Generators" })
        {
            DotnetCli.CopySources(Path.Combine(Repository.Root, project), Path.Combine(copy, project));
        }
        foreach (var project in new[] { "Mx.Templates", "Mx.Generators" })
            DotnetCli.Run(copy, _environment, "pack", project, "-c", "Release", "-o", output, $"-p:Version={version}",
                $"-p:AssemblyVersion={assemblyVersion}", $"-p:FileVersion={assemblyVersion}", _fallback);
    }

    private void PackPlugin(string source, string sdkVersion, string output, params string[] extra)
    {
        var copy = DotnetCli.CopySources(source, _dir.Combine("src", Path.GetFileName(source) + "-" + Path.GetFileName(output)));
        DotnetCli.Run(copy, _environment, ["pack", "-c", "Release", "-o", output, $"-p:MxSdkVersion={sdkVersion}", $"-p:RestoreAdditionalProjectSources={output}", _fallback, .. extra]);
    }

    public void Dispose() => _dir.Dispose();
}
