using Mx.Cli.Rendering;
using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli;

/// <summary>
/// What every command handler needs: where to write, where the user is, and the generators (built-in and the
/// project's plugins), which are loaded only when a command asks for them.
/// </summary>
internal sealed class CommandContext(Lazy<IAnsiConsole> console, string workingDirectory, Func<GeneratorCatalog> loadCatalog)
{
    private readonly Lazy<GeneratorCatalog> _catalog = new(loadCatalog);

    public IAnsiConsole Console => console.Value;

    /// <summary>Report lines, which skip Spectre when output is piped.</summary>
    internal ReportWriter Report { get; } = ReportWriter.For(console);

    public string WorkingDirectory => workingDirectory;

    public GeneratorCatalog Catalog => _catalog.Value;
}
