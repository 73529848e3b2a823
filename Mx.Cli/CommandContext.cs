using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli;

/// <summary>What every command handler needs: where to write, which generators exist, where the user is.</summary>
public sealed record CommandContext(IAnsiConsole Console, GeneratorCatalog Catalog, string WorkingDirectory);
