namespace Mx.Generators;

/// <summary>Write <see cref="Content"/> to <see cref="Path"/>, a '/'-separated path relative to the project root.</summary>
public sealed record FileEffect(string Path, string Content)
{
    /// <summary>
    /// Write the file only when it does not exist yet: a seed that other tools then own and add to (a Pulumi
    /// stack file gets its encryption salt from pulumi), which mx must never take back or call a conflict.
    /// </summary>
    public bool KeepExisting { get; init; }

    /// <summary>
    /// For a file mx keeps (<see cref="KeepExisting"/>): the structured update that brings the parts mx owns in it up
    /// to date with the answers, leaving the rest as the other tool wrote it. Null keeps the file exactly as it is.
    /// </summary>
    public Func<string, string>? Refresh { get; init; }
}
