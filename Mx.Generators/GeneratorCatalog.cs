using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// The generators mx knows (built-in ones and those of the project's plugins), looked up by name, with a
/// suggestion for a mistyped one.
/// </summary>
internal sealed class GeneratorCatalog
{
    public const string BuiltInSource = "builtin";

    private readonly IReadOnlyList<IGenerator> _generators;
    private readonly Dictionary<IGenerator, string> _sources;

    public GeneratorCatalog(IEnumerable<IGenerator> builtIns) : this(builtIns.Select(g => (g, BuiltInSource))) { }

    /// <summary>Generators with where each comes from: <see cref="BuiltInSource"/> or a plugin's package id.</summary>
    public GeneratorCatalog(IEnumerable<(IGenerator Generator, string Source)> generators)
    {
        _sources = new(ReferenceEqualityComparer.Instance);
        foreach (var (generator, source) in generators)
        {
            var clash = _sources.Keys.FirstOrDefault(g => g.Name == generator.Name);
            if (clash is not null)
                throw new MxException(
                    $"Two generators are named '{generator.Name}': one from {Describe(_sources[clash])}, one from {Describe(source)}. " +
                    "Remove one of the plugins with 'mx plugin remove', or ask its authors to rename the generator.");
            _sources[generator] = source;
        }
        _generators = _sources.Keys.OrderBy(g => g.Name, StringComparer.Ordinal).ToArray();
    }

    public IReadOnlyList<IGenerator> All => _generators;

    /// <summary>
    /// Why pinned plugins did not load (not installed here, or not matching their pin). Commands that need no
    /// plugin run without them; asking for a generator mx does not know reports these, since it may be theirs.
    /// </summary>
    public IReadOnlyList<MxException> UnavailablePlugins { get; init; } = [];

    public string SourceOf(IGenerator generator) => _sources.TryGetValue(generator, out var source) ? source : BuiltInSource;

    public bool IsBuiltIn(IGenerator generator) => SourceOf(generator) == BuiltInSource;

    private static string Describe(string source) => source == BuiltInSource ? "mx itself" : $"plugin {source}";

    public IGenerator? Find(string name) =>
        _generators.FirstOrDefault(g => g.Name == name);

    public IGenerator Get(string name) => Find(name) ?? throw Unknown(name);

    public MxException Unknown(string name)
    {
        // A near miss of a loaded generator is a typo; anything else may belong to the plugin that did not load.
        if (UnavailablePlugins.Count > 0 && EditDistance.Nearest(name, _generators.Select(g => g.Name)) is null)
            return new MxException(
                $"There is no generator named '{name}' among those loaded, and it may be one of a plugin that did not load: " +
                UnavailablePlugins[0].Message);
        var suggestion = EditDistance.Nearest(name, _generators.Select(g => g.Name)) is { } closest ? $" Did you mean '{closest}'?" : "";
        return new MxException(
            $"There is no generator named '{name}'.{suggestion} Run 'mx list' to see the generators: " +
            string.Join(", ", _generators.Select(g => g.Name)) + ".");
    }
}
