namespace Mx.Generators;

/// <summary>One <c>mx generate</c> invocation. <see cref="Flags"/> holds only the answers given on the command line.</summary>
public sealed record GenerateRequest(string Generator, string WorkingDirectory)
{
    public Answers Flags { get; init; } = Answers.Empty;
    public string? AnswersFile { get; init; }
    public string? Output { get; init; }
    public bool Force { get; init; }
    public bool DryRun { get; init; }
}
