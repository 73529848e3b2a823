namespace Mx.Pulumi.Docs;

/// <summary>
/// One warning Sphinx reported, with the file relative to the project when it names one, and the line when it
/// knows it (a docstring's warning names <c>src/pkg/mod.py:docstring of pkg.mod.f</c> and the docstring's line).
/// </summary>
public sealed record SphinxWarning(string? File, int? Line, string Message)
{
    public override string ToString() => File is null ? Message : Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}
