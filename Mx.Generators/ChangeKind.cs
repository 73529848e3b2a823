namespace Mx.Generators;

/// <summary>The fixed vocabulary for what applying a plan does to one file.</summary>
internal enum ChangeKind
{
    Create,
    Update,
    Unchanged,
    /// <summary>A file mx wrote for the generator, unchanged since, that the generator no longer writes (an answer changed).</summary>
    Delete,
    /// <summary>The user changed (or deleted) the file and mx's new render is what mx wrote last time: the user's version stays.</summary>
    Keep,
    /// <summary>The user and the new render both changed the file, on different lines: both changes are written.</summary>
    Merge,
    /// <summary>
    /// The user's version and the new render disagree and cannot be merged (same lines changed, a file mx never
    /// wrote, a file one side deleted): the user decides.
    /// </summary>
    Conflict,
}
