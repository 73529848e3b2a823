namespace Mx.Generators;

/// <summary>What to do with a conflicting file: the user's decision, or the policy given on the command line.</summary>
internal enum ConflictResolution
{
    /// <summary>Write mx's new render; the user's version is kept under <c>.mx/backup/</c>.</summary>
    Theirs,
    /// <summary>Leave the user's version as it is; mx records its render as the new base.</summary>
    Mine,
    /// <summary>Write both versions between git-style conflict markers for the user to resolve.</summary>
    Markers,
}
