using System.Reflection;
using Mx.Generators;
using Mx.Plugins.Internal;

namespace Mx.Plugins;

/// <summary>
/// Loads the plugins a project pins: checks each cached package against its pinned hash, loads it in its own
/// load context, and finds its generators (every public class implementing <see cref="IGenerator"/> with a
/// parameterless constructor: plugins register nothing else).
/// </summary>
public sealed class PluginHost(PluginCache cache)
{
    public IReadOnlyList<(IGenerator Generator, string Source)> Load(IEnumerable<PluginPin> pins) =>
        pins.SelectMany(pin => Load(pin).Select(g => (g, pin.Id))).ToArray();

    /// <summary>
    /// Loads the plugins that can be loaded and reports the others instead of failing: a missing plugin must not
    /// stop commands that do not use it ('mx list', a built-in generator).
    /// </summary>
    public (IReadOnlyList<(IGenerator Generator, string Source)> Generators, IReadOnlyList<(PluginPin Pin, MxException Problem)> Unavailable)
        LoadAvailable(IEnumerable<PluginPin> pins)
    {
        var generators = new List<(IGenerator, string)>();
        var unavailable = new List<(PluginPin, MxException)>();
        foreach (var pin in pins)
        {
            try
            {
                foreach (var generator in Load(pin)) generators.Add((generator, pin.Id));
            }
            catch (MxException e)
            {
                unavailable.Add((pin, e));
            }
        }
        return (generators, unavailable);
    }

    public IReadOnlyList<IGenerator> Load(PluginPin pin)
    {
        var package = cache.Read(pin.Id, pin.Version) ?? throw new MxException(
            $"Plugin {pin.Id} {pin.Version} is pinned in {StateFile.RelativePath} but not installed on this machine. " +
            "Run 'mx plugin restore' to install exactly the pinned packages.");
        var actual = PackageHash.Of(package);
        if (actual != pin.Sha512)
            throw new MxException(
                $"The package of plugin {pin.Id} {pin.Version} in {cache.PackagePath(pin.Id, pin.Version)} does not match the hash pinned in " +
                $"{StateFile.RelativePath} (pinned {Short(pin.Sha512)}, found {Short(actual)}): it was changed after it was installed, or a " +
                "different package was published under the same version. mx will not run it. Run 'mx plugin restore' to download the " +
                "pinned package again; if the feed's package differs too, ask its publisher.");
        return Discover(pin.Id, package);
    }

    /// <summary>Loads a package's generators; used for packages already verified (at install) and pinned ones.</summary>
    internal static IReadOnlyList<IGenerator> Discover(string id, byte[] package)
    {
        var contents = PluginPackage.Read(id, package);
        var context = new PluginLoadContext(id, contents.Assemblies);
        try
        {
            var generators = context.LoadAll()
                .SelectMany(ExportedTypes)
                .Where(t => typeof(IGenerator).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false } && t.GetConstructor(Type.EmptyTypes) is not null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (IGenerator)Activator.CreateInstance(t)!)
                .ToArray();
            if (generators.Length == 0)
                throw new MxException(
                    $"Plugin {id} declares no generators: none of its public classes implements Mx.Generators.IGenerator with a " +
                    "parameterless constructor. Check that the package is an mx plugin.");
            return generators;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException or TypeLoadException or ReflectionTypeLoadException or TargetInvocationException or MissingMethodException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new MxException(
                $"Plugin {id} failed to load: {cause.Message} Its package may be damaged or built for another " +
                "mx; reinstall it with 'mx plugin restore', or remove it with 'mx plugin remove " + id + "'.", ExitCode.BadInput, e);
        }
    }

    private static IEnumerable<Type> ExportedTypes(Assembly assembly) => assembly.GetExportedTypes();

    private static string Short(string hash) => hash.Length > 23 ? hash[..23] + "…" : hash;
}
