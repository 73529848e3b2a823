using Mx.Generators;

namespace Misbehaving.Mx.Generators;

/// <summary>Fails with an exception of its own while planning.</summary>
public sealed class Throwing : IGenerator
{
    public string Name => "Throwing";
    public string Summary => "Throws while planning.";
    public string Version => "1.0.0";
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyList<string> Requires => [];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => ["notes.txt"];
    public Plan Plan(GeneratorContext context) => throw new InvalidOperationException("the example service is unreachable");
}
