namespace Mx.Generators;

/// <summary>One <c>mx generate</c> invocation. <see cref="Flags"/> holds only the answers given on the command line.</summary>
internal sealed record GenerateRequest(string Generator, string WorkingDirectory)
{
    public Answers Flags { get; init; } = Answers.Empty;
    public string? AnswersFile { get; init; }
    public string? Output { get; init; }
    /// <summary>Shorthand for <see cref="Conflicts"/> = theirs: mx's render wins, the user's versions are backed up.</summary>
    public bool Force { get; init; }

    /// <summary>How every conflict is decided without asking; null asks on a terminal and otherwise writes nothing.</summary>
    public ConflictResolution? Conflicts { get; init; }
    public bool DryRun { get; init; }

    /// <summary>
    /// Answers computed from the project's state once its lock is held (<c>mx team add</c> adds a team to the teams in
    /// state), so no other mx run changes that state between reading and writing; they override <see cref="Flags"/>.
    /// </summary>
    public Func<ProjectState, Answers>? Amend { get; init; }

    /// <summary>mx renders again what the project applied (<c>mx update</c>), rather than the user asking for the generator.</summary>
    public bool Rerender { get; init; }
}
