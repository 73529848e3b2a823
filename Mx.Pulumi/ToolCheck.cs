namespace Mx.Pulumi;

/// <summary>
/// One line of <c>mx doctor</c>: whether a prerequisite is there, its version, and when it is not, the exact step
/// that fixes it. <see cref="NeededByUp"/> marks the ones without which <c>mx up</c> cannot work.
/// </summary>
public sealed record ToolCheck(string Name, bool Ok, string? Version, bool NeededByUp, string? Fix);
