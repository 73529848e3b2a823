namespace Mx.Generators;

/// <summary>What a generator sees when it plans: the resolved answers and what earlier generators left in state.</summary>
public sealed record GeneratorContext(Answers Answers, ProjectState State);
