namespace Mx.Generators;

/// <summary>One file of a plan compared with the working tree. <see cref="Current"/> is null for a new file.</summary>
public sealed record FileChange(string Path, ChangeKind Kind, string? Current, string Planned);
