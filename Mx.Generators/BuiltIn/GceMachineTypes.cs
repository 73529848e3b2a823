namespace Mx.Generators.BuiltIn;

/// <summary>
/// The predefined Compute Engine machine types a CPU node pool may use, from <c>Data/gce-machine-types.txt</c>,
/// so that a typo (<c>e2-superbig</c>) is refused here rather than by GKE halfway through <c>mx up</c>.
/// </summary>
internal sealed class GceMachineTypes
{
    public static GceMachineTypes Default { get; } = Load();

    // A class, not a value tuple: a list of structs is generic code ReadyToRun cannot precompile, and this is read
    // on every cold 'mx generate'.
    private sealed record Shape(string Name, string[] Sizes);

    private readonly List<Shape> _shapes;

    private GceMachineTypes(List<Shape> shapes) => _shapes = shapes;

    public bool Contains(string machineType)
    {
        foreach (var (shape, sizes) in _shapes)
        {
            if (machineType.Length <= shape.Length + 1 || !machineType.StartsWith(shape, StringComparison.Ordinal) || machineType[shape.Length] != '-')
                continue;
            var size = machineType[(shape.Length + 1)..];
            foreach (var candidate in sizes)
                if (candidate == size) return true;
        }
        return false;
    }

    /// <summary>"e2-standard-2/4/8/16/32, n1-standard-1/2/...": every type, one group per series and shape.</summary>
    public string Describe()
    {
        var groups = new List<string>(_shapes.Count);
        foreach (var (shape, sizes) in _shapes) groups.Add($"{shape}-{string.Join('/', sizes)}");
        return string.Join(", ", groups);
    }

    private static GceMachineTypes Load()
    {
        const string Resource = "data/gce-machine-types.txt";
        using var stream = typeof(GceMachineTypes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        var shapes = new List<Shape>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.Split('|', StringSplitOptions.TrimEntries) is not ["machines", var shape, var sizes])
                throw new InvalidOperationException($"{Resource}({number}): expected 'machines | series-shape | vCPUs ...'");
            shapes.Add(new Shape(shape, sizes.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
        return new GceMachineTypes(shapes);
    }
}
