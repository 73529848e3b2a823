namespace Mx.Generators;

/// <summary>
/// A generator recorded in state: which one, at which version, from where (<c>builtin</c> or a plugin id), and
/// which mx last rendered it (built-in templates change with mx, not with the generator's version).
/// </summary>
public sealed record AppliedGenerator(string Name, string Version, string Source)
{
    public string? MxVersion { get; init; }
}
