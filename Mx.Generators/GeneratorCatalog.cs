namespace Mx.Generators;

/// <summary>
/// The generators mx knows (built-in ones and those of the project's plugins), looked up by name, with a
/// suggestion for a mistyped one.
/// </summary>
public sealed class GeneratorCatalog
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

    public string SourceOf(IGenerator generator) => _sources.TryGetValue(generator, out var source) ? source : BuiltInSource;

    public bool IsBuiltIn(IGenerator generator) => SourceOf(generator) == BuiltInSource;

    private static string Describe(string source) => source == BuiltInSource ? "mx itself" : $"plugin {source}";

    public IGenerator? Find(string name) =>
        _generators.FirstOrDefault(g => g.Name == name);

    public IGenerator Get(string name) => Find(name) ?? throw Unknown(name);

    public MxException Unknown(string name)
    {
        var closest = _generators.MinBy(g => Distance(name.ToLowerInvariant(), g.Name.ToLowerInvariant()));
        var suggestion = closest is not null && Distance(name.ToLowerInvariant(), closest.Name.ToLowerInvariant()) <= Math.Max(3, name.Length / 2)
            ? $" Did you mean '{closest.Name}'?" : "";
        return new MxException(
            $"There is no generator named '{name}'.{suggestion} Run 'mx list' to see the generators: " +
            string.Join(", ", _generators.Select(g => g.Name)) + ".");
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
