namespace Mx.Lint;

/// <summary>
/// A change <c>mx lint --fix</c> may make without asking: it replaces one line of the file with
/// <see cref="Replacement"/> (which may hold several lines), or deletes the line when that is null.
/// </summary>
public sealed record SafeFix(int Line, string? Replacement, string Description);
