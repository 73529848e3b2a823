using Mx.Cli;
using Spectre.Console;

return MxApp.Run(args, CreateConsole, Directory.GetCurrentDirectory());

static IAnsiConsole CreateConsole()
{
    var console = AnsiConsole.Console;
    // Piped output (CI logs, scripts, tests) must not be wrapped at an imagined terminal width.
    if (Console.IsOutputRedirected) console.Profile.Width = 4096;
    return console;
}
