using Mx.Generators;

namespace Mx.Plugins;

/// <summary>A pinned plugin as this machine has it: its generators when it loads, else why it does not.</summary>
public sealed record PluginStatus(PluginPin Pin, IReadOnlyList<IGenerator> Generators, string? Problem);
