namespace Mx.Generators;

/// <summary>What a generator sees when it plans: the resolved answers and what earlier generators left in state.</summary>
public sealed record GeneratorContext(Answers Answers, ProjectState State)
{
    /// <summary>
    /// The user asked for this generator by name (<c>mx generate</c>), rather than mx rendering again what the project
    /// has applied (<c>mx update</c>, another generator's edits, <c>mx destroy</c>): a generator of named instances
    /// refuses a name in use only then.
    /// </summary>
    internal bool Requested { get; init; }
}
