namespace Mx.Generators;

/// <summary>A generator recorded in state: which one, at which version, from where (<c>builtin</c> or a plugin id).</summary>
public sealed record AppliedGenerator(string Name, string Version, string Source);
