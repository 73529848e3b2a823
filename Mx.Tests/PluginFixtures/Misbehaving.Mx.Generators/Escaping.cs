using Mx.Generators;

namespace Misbehaving.Mx.Generators;

/// <summary>Writes one file inside the project and one outside it.</summary>
public sealed class Escaping : IGenerator
{
    public string Name => "Escaping";
    public string Summary => "Writes outside the project root.";
    public string Version => "1.0.0";
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyList<string> Requires => [];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => ["inside.txt", "../outside.txt"];
    public Plan Plan(GeneratorContext context) => new([new FileEffect("inside.txt", "in\n"), new FileEffect("../outside.txt", "out\n")]);
}
