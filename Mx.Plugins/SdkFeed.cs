using Mx.Generators;
using Mx.Generators.Internal;

namespace Mx.Plugins;

/// <summary>
/// The generator SDK packages (<c>Mx.Generators</c>, <c>Mx.Templates</c>) of this very mx, which it carries in its
/// own tool package and writes into a folder feed for plugin projects. Plugins compile against exactly the SDK the
/// engineers' mx provides at run time, and the SDK is never looked for on a public feed, where anyone could take
/// its names.
/// </summary>
public sealed class SdkFeed(string packagesDirectory)
{
    public static readonly IReadOnlyList<string> PackageIds = ["Mx.Generators", "Mx.Templates"];

    /// <summary>The packages built with this mx, which the build puts in <c>sdk/</c> beside mx.dll.</summary>
    public static SdkFeed OfThisMx() => new(Path.Combine(AppContext.BaseDirectory, "sdk"));

    public static string Version => GenerationService.MxVersion;

    /// <summary>Copies the SDK packages into <paramref name="outputDirectory"/>, creating it, and returns the files written.</summary>
    public IReadOnlyList<string> Export(string outputDirectory)
    {
        var packages = PackageIds.Select(id => Path.Combine(packagesDirectory, $"{id}.{Version}.nupkg")).ToArray();
        if (packages.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            throw new MxException(
                $"This mx carries no generator SDK package at {missing}. The SDK packages are built with mx and shipped in " +
                "its tool package: install mx with 'dotnet tool install' (see README), or build Mx.Cli from the repository, then run this again.");
        var output = Path.GetFullPath(outputDirectory);
        if (File.Exists(output))
            throw new MxException($"--output {output} is a file. Give a folder for the feed (it is created if missing), e.g. --output sdk.");
        try
        {
            Directory.CreateDirectory(output);
            return packages.Select(package =>
            {
                var target = Path.Combine(output, Path.GetFileName(package));
                AtomicFile.Write(target, File.ReadAllBytes(package));
                return target;
            }).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException($"Could not write the SDK packages into {output}: {e.Message} Choose a folder you can write to with --output.", inner: e);
        }
    }
}
