namespace Mx.Generators.Internal;

/// <summary>
/// A plan a command made, dressed as a generator so it goes through the one generate path; it asks nothing and
/// is not recorded as applied.
/// </summary>
internal sealed class CommandPlan(string command, Plan plan) : IGenerator
{
    public string Name => command;
    public string Summary => command;
    public string Version => GenerationService.MxVersion;
    public IReadOnlyList<Parameter> Parameters => [];
    public IReadOnlyList<string> Requires => [];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => [];
    public Plan Plan(GeneratorContext context) => plan;
}
