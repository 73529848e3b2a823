namespace Mx.Generators;

/// <summary>What a generate did, or (for a dry run or an undecided conflict) would have done.</summary>
internal sealed record GenerateOutcome(string Root, IGenerator Generator, IReadOnlyList<FileChange> Changes, bool Written)
{
    /// <summary>Conflicts nobody decided: while there are any, nothing is written.</summary>
    public IEnumerable<FileChange> Conflicts => Changes.Where(c => c.Kind == ChangeKind.Conflict && c.Resolution is null);

    /// <summary>Files written with conflict markers, for the user to resolve.</summary>
    public IEnumerable<FileChange> MarkedConflicts => Changes.Where(c => c.Kind == ChangeKind.Conflict && c.Resolution == ConflictResolution.Markers);

    public bool ChangesNothing => Changes.All(c => c.Kind is ChangeKind.Unchanged or ChangeKind.Keep);

    /// <summary>Project-relative directory holding the user's versions of the files this run overwrote, if any.</summary>
    public string? BackupDirectory { get; init; }

    /// <summary>The user chose to quit at a conflict.</summary>
    public bool Quit { get; init; }
}
