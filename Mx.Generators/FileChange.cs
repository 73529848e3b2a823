namespace Mx.Generators;

/// <summary>
/// One file of a plan compared with the working tree. <see cref="Current"/> is null for a file that is not on
/// disk; <see cref="Planned"/> (mx's new render) is null for a file mx wrote earlier that the generator no longer
/// writes. <see cref="Merged"/> is the three-way merge: clean for <see cref="ChangeKind.Merge"/>, with conflict
/// markers for a <see cref="ChangeKind.Conflict"/>.
/// </summary>
internal sealed record FileChange(string Path, ChangeKind Kind, string? Current, string? Planned)
{
    public string? Merged { get; init; }

    /// <summary>How a conflict was decided; null until it is.</summary>
    public ConflictResolution? Resolution { get; init; }

    public bool Removes => Planned is null;

    /// <summary>Whether applying the change touches the file on disk.</summary>
    public bool TouchesDisk => Kind switch
    {
        ChangeKind.Create or ChangeKind.Update or ChangeKind.Delete or ChangeKind.Merge => true,
        ChangeKind.Conflict => Resolution is ConflictResolution.Theirs or ConflictResolution.Markers && NewContent != Current,
        _ => false,
    };

    /// <summary>What the file holds once the change is applied; null when it does not exist.</summary>
    public string? NewContent => Kind switch
    {
        ChangeKind.Merge => Merged,
        ChangeKind.Keep or ChangeKind.Unchanged => Current,
        ChangeKind.Conflict => Resolution switch
        {
            ConflictResolution.Theirs => Planned,
            ConflictResolution.Markers => Merged ?? Planned,
            _ => Current,
        },
        _ => Planned,
    };

    /// <summary>The user's content that applying the change replaces or removes: what a backup must keep.</summary>
    public bool OverwritesUserWork => Kind == ChangeKind.Conflict && Current is not null && TouchesDisk;
}
