using System.Reflection;
using System.Runtime.Loader;

namespace Mx.Plugins.Internal;

/// <summary>
/// One plugin's own load context. The SDK and Scriban come from mx itself, so the plugin's generators are
/// the very <c>IGenerator</c> type the host knows; every other assembly the plugin ships stays private to it.
/// </summary>
internal sealed class PluginLoadContext(string pluginId, IReadOnlyDictionary<string, byte[]> assemblies)
    : AssemblyLoadContext($"mx-plugin:{pluginId}")
{
    private static readonly HashSet<string> SharedWithHost = new(StringComparer.OrdinalIgnoreCase) { "Mx.Generators", "Mx.Templates", "Scriban" };

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is null || SharedWithHost.Contains(name.Name)) return null;
        return assemblies.TryGetValue(name.Name, out var bytes) ? LoadFromStream(new MemoryStream(bytes)) : null;
    }

    public IEnumerable<Assembly> LoadAll() => assemblies.Keys.Order(StringComparer.Ordinal).Select(name => LoadFromAssemblyName(new AssemblyName(name)));
}
