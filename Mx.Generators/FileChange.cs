namespace Mx.Generators;

/// <summary>
/// One file of a plan compared with the working tree. <see cref="Current"/> is null for a new file;
/// <see cref="Planned"/> is null for a file mx wrote earlier that the generator no longer writes.
/// </summary>
public sealed record FileChange(string Path, ChangeKind Kind, string? Current, string? Planned)
{
    public bool Removes => Planned is null;
}
