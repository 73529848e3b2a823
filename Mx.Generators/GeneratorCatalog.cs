namespace Mx.Generators;

/// <summary>The generators mx knows, looked up by name, with a suggestion for a mistyped one.</summary>
public sealed class GeneratorCatalog(IEnumerable<IGenerator> generators)
{
    private readonly IReadOnlyList<IGenerator> _generators = generators.OrderBy(g => g.Name, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<IGenerator> All => _generators;

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
