using System.CommandLine;
using Mx.Cli.Commands;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Templates;
using Spectre.Console;

namespace Mx.Cli;

/// <summary>Composes the command line and maps every outcome to an exit code, in one place.</summary>
public static class MxApp
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show stack traces and tool output when something fails",
        Recursive = true,
    };

    public static int Run(string[] args, IAnsiConsole console, string workingDirectory)
    {
        var catalog = new GeneratorCatalog(BuiltInGenerators.All);
        var context = new CommandContext(console, catalog, workingDirectory);
        var root = new RootCommand("mx: stand up isolated GPU infrastructure for an ML project, without a DevOps engineer.")
        {
            GenerateCommand.Create(context),
            ListCommand.Create(context),
            DescribeCommand.Create(context),
            StateCommand.Create(context),
        };
        root.Options.Add(Verbose);

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && GenerateCommand.ExplainParseErrors(parsed, catalog) is { } explained)
            return Report(explained, console, verbose: false);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.MarkupLineInterpolated($"Run '{parsed.CommandResult.Command.Name} --help' to see the usage.");
            return (int)ExitCode.BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, console, parsed.GetValue(Verbose));
        }
    }

    private static int Report(Exception error, IAnsiConsole console, bool verbose)
    {
        var (message, code) = error switch
        {
            MxException mx => (mx.Message, mx.ExitCode),
            TemplateException template => ($"A template failed to render, which is a bug in the generator: {template.Message}", ExitCode.Failed),
            _ => ($"mx failed unexpectedly: {error.Message} This is a bug in mx; run again with --verbose and report the output.", ExitCode.Failed),
        };
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        if (verbose) console.WriteLine(error.ToString());
        return (int)code;
    }
}
