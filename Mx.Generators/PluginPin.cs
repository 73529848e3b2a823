namespace Mx.Generators;

/// <summary>A plugin package recorded in state: exactly which package, so every machine installs the same bytes.</summary>
public sealed record PluginPin(string Id, string Version, string Sha512, string Source);
