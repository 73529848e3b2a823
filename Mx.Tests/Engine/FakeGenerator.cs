using Mx.Generators;

namespace Mx.Tests.Engine;

/// <summary>A generator whose plan is given directly, to test the engine without templates.</summary>
internal sealed class FakeGenerator(string name, Func<GeneratorContext, Plan> plan, params Parameter[] parameters) : IGenerator
{
    public string Name => name;
    public string Summary => "test generator";
    public string Version => "1.0.0";
    public IReadOnlyList<Parameter> Parameters => parameters;
    public IReadOnlyList<string> Requires { get; init; } = [];
    public bool CreatesProject { get; init; }
    public IReadOnlyList<string> Writes { get; init; } = [];
    public Plan Plan(GeneratorContext context) => plan(context);
}
