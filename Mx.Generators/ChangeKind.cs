namespace Mx.Generators;

/// <summary>The fixed vocabulary for what applying a plan does to one file.</summary>
public enum ChangeKind
{
    Create,
    Update,
    Unchanged,
    /// <summary>A file mx wrote for the generator, unchanged since, that the generator no longer writes (an answer changed).</summary>
    Delete,
    /// <summary>The file on disk differs from what mx last wrote there (or mx never wrote it): the user's work.</summary>
    Conflict,
}
