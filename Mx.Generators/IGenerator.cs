namespace Mx.Generators;

/// <summary>
/// A generator: metadata and one pure method that turns answers into a <see cref="Plan"/>. Built-in generators
/// and plugin generators implement the same contract.
/// </summary>
public interface IGenerator
{
    /// <summary>The name users type: <c>mx generate MLProjectSkeleton</c>.</summary>
    string Name { get; }

    string Summary { get; }

    /// <summary>Recorded in state so that <c>mx update</c> can re-render what was applied.</summary>
    string Version { get; }

    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Generators that must have been applied to the project first.</summary>
    IReadOnlyList<string> Requires { get; }

    /// <summary>True for generators that start a new project in <c>./&lt;project_name&gt;</c> rather than in the current one.</summary>
    bool CreatesProject { get; }

    /// <summary>The paths this generator writes, with answer-dependent parts in angle brackets.</summary>
    IReadOnlyList<string> Writes { get; }

    Plan Plan(GeneratorContext context);
}
