using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Mx.Generators;

namespace Mx.Plugins.Internal;

/// <summary>
/// The assemblies of a plugin package, read straight from the verified <c>.nupkg</c> bytes (nothing is
/// extracted to disk, so nothing can be swapped between verification and loading).
/// </summary>
internal sealed class PluginPackage
{
    private const string SdkAssembly = "Mx.Generators";

    private PluginPackage(string id, IReadOnlyDictionary<string, byte[]> assemblies) => (Id, Assemblies) = (id, assemblies);

    public string Id { get; }

    /// <summary>Assembly simple name → bytes, from the package's best <c>lib/netN.0</c> folder this runtime can load.</summary>
    public IReadOnlyDictionary<string, byte[]> Assemblies { get; }

    public static PluginPackage Read(string id, byte[] package)
    {
        using var zip = OpenZip(id, package);
        var runtimeMajor = Environment.Version.Major;
        var libFolder = zip.Entries
            .Select(e => e.FullName.Split('/'))
            .Where(parts => parts.Length == 3 && parts[0] == "lib" && parts[2].EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1])
            .Distinct()
            .Select(tfm => (Tfm: tfm, Major: TargetMajor(tfm)))
            .Where(t => t.Major is not null && t.Major <= runtimeMajor)
            .OrderByDescending(t => t.Major)
            .Select(t => t.Tfm)
            .FirstOrDefault()
            ?? throw new MxException(
                $"Plugin {id} has no assemblies for .NET {runtimeMajor} or older (no lib/net{runtimeMajor}.0/*.dll in the package). " +
                "Its authors must build it for net10.0.");
        var assemblies = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith($"lib/{libFolder}/", StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            using var stream = entry.Open();
            using var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            assemblies[Path.GetFileNameWithoutExtension(entry.Name)] = bytes.ToArray();
        }
        var contents = new PluginPackage(id, assemblies);
        contents.CheckSdkVersion();
        return contents;
    }

    // A plugin compiled against another major version of the SDK would fail in odd ways at run time
    // (missing members, changed contracts); refuse it up front, naming both versions.
    private void CheckSdkVersion()
    {
        var host = typeof(IGenerator).Assembly.GetName().Version!;
        foreach (var (name, bytes) in Assemblies)
        {
            using var pe = new PEReader(new MemoryStream(bytes));
            if (!pe.HasMetadata) continue;
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) != SdkAssembly) continue;
                if (reference.Version.Major != host.Major)
                    throw new MxException(
                        $"Plugin {Id} ({name}.dll) was built against the mx generator SDK {reference.Version.ToString(3)}, " +
                        $"but this mx provides SDK {host.ToString(3)}; major versions {reference.Version.Major} and {host.Major} are not compatible. " +
                        $"Install a version of {Id} built for SDK {host.Major}.x, or use an mx whose SDK is {reference.Version.Major}.x.");
            }
        }
    }

    private static int? TargetMajor(string tfm) =>
        tfm.StartsWith("net", StringComparison.Ordinal) && tfm.EndsWith(".0", StringComparison.Ordinal) && int.TryParse(tfm[3..^2], out var major) && major >= 5
            ? major : null;

    private static ZipArchive OpenZip(string id, byte[] package)
    {
        try
        {
            return new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new MxException($"The package of plugin {id} is not a valid .nupkg ({e.Message}). Reinstall it with 'mx plugin restore'.");
        }
    }
}
