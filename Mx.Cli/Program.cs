using Mx.Cli;
using Spectre.Console;

var console = AnsiConsole.Console;
// Piped output (CI logs, scripts, tests) must not be wrapped at an imagined terminal width.
if (Console.IsOutputRedirected) console.Profile.Width = 4096;
return MxApp.Run(args, console, Directory.GetCurrentDirectory());
