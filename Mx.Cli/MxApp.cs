using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Mx.Cli.Commands;
using Mx.Cli.Rendering;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Plugins;
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

    /// <param name="createConsole">
    /// Called only when something is printed through Spectre: setting a console up costs a third of a cold
    /// <c>mx --help</c>, whose text System.CommandLine writes itself.
    /// </param>
    public static int Run(string[] args, Func<IAnsiConsole> createConsole, string workingDirectory)
    {
        // ssh reads the proxy's standard output as its connection: whatever mx has to say goes to standard error.
        var console = new Lazy<IAnsiConsole>(WorkspaceConnectCommands.StandardOutputIsData(args)
            ? ErrorConsole
            : createConsole);
        try
        {
            return Dispatch(args, console, workingDirectory);
        }
        catch (Exception e)
        {
            return Report(e, console.Value, args.Contains(Verbose.Name));
        }
    }

    private static int Dispatch(string[] args, Lazy<IAnsiConsole> console, string workingDirectory)
    {
        var context = new CommandContext(console, workingDirectory, () => LoadCatalog(workingDirectory));
        // Generator subcommands need the catalog, which may load plugins; only 'generate' pays for that, so a
        // broken plugin never stops 'mx plugin restore' from repairing it.
        var generating = args.FirstOrDefault(a => !a.StartsWith('-')) == "generate";
        var root = CreateRoot(context, generating, forHelp: generating && Array.Exists(args, a => a is "--help" or "-h" or "-?" or "/?" or "/h"));

        var parsed = root.Parse(args);
        // Help wins over a missing argument: people ask for help precisely when they do not know the arguments.
        if (parsed.Action is HelpAction or RootHelp)
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        if (parsed.Errors.Count > 0 && generating && GenerateCommand.ExplainParseErrors(parsed, context) is { } explained)
            return Report(explained, console.Value, verbose: false);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) console.Value.MarkupLineInterpolated($"[red]error:[/] {error.Message}");
            console.Value.MarkupLineInterpolated($"Run '{CommandPath(parsed.CommandResult)} --help' to see the usage.");
            return (int)ExitCode.BadInput;
        }
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    // "mx generate MLProjectSkeleton", which the user can paste, rather than the last command's bare name.
    private static string CommandPath(CommandResult command)
    {
        var path = command.Command.Name;
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
            path = parent.Command.Name + " " + path;
        return path;
    }

    /// <summary>The command tree; generator subcommands are built only when <paramref name="generating"/>.</summary>
    internal static RootCommand CreateRoot(CommandContext context, bool generating, bool forHelp = false)
    {
        var root = new RootCommand("mx: stand up isolated GPU infrastructure for an ML project, without a DevOps engineer.")
        {
            GenerateCommand.Create(context, generating, forHelp),
            UpdateCommand.Create(context),
            DestroyCommand.Create(context),
            PluginCommand.Create(context),
            ListCommand.Create(context),
            DescribeCommand.Create(context),
            StateCommand.Create(context),
            LintCommand.Create(context),
            UpCommand.Create(context),
            PreviewCommand.Create(context),
            DownCommand.Create(context),
            DeployCommand.Create(context),
            ConnectCommand.Create(context),
            DoctorCommand.Create(context),
            RunCommand.Create(context),
            TeamCommand.Create(context),
            FlowCommand.Create(context),
            QueueCommand.Create(context),
            ReaperCommand.Create(context),
            DocsCommand.Create(context),
            DashCommand.Create(context),
            OpenCommand.Create(context),
            TokenCommand.Create(context),
            AppCommand.Create(context),
            UsageCommand.Create(context),
            SecretCommand.Create(context),
            ServeCommand.Create(context),
            WorkspaceCommand.Create(context),
        };
        root.Options.Add(Verbose);
        var help = root.Options.OfType<HelpOption>().Single();
        var rootHelp = new RootHelp((HelpAction)help.Action!);
        help.Action = rootHelp;
        // A bare 'mx' is someone finding their way in: show them the commands rather than an error.
        root.SetAction(rootHelp.Invoke);
        return root;
    }

    private static IAnsiConsole ErrorConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // ssh passes it on as it is; wrapping at an imagined width would only break its lines.
        if (Console.IsErrorRedirected) console.Profile.Width = 4096;
        return console;
    }

    private static GeneratorCatalog LoadCatalog(string workingDirectory)
    {
        var builtIns = BuiltInGenerators.All.Select(g => (g, GeneratorCatalog.BuiltInSource));
        var root = ProjectPaths.FindProjectRoot(workingDirectory);
        var pins = root is null ? [] : StateFile.Load(root)!.Plugins;
        if (pins.Count == 0) return new GeneratorCatalog(builtIns);
        var (generators, unavailable) = new PluginHost(PluginCache.ForCurrentUser()).LoadAvailable(pins);
        // On standard error, so that --json output stays parseable; the full reason is in 'mx plugin list'.
        foreach (var (pin, _) in unavailable)
            Console.Error.WriteLine($"warning: plugin {pin.Id} {pin.Version} did not load, so its generators are unavailable " +
                "('mx plugin list' says why); 'mx plugin restore' installs the pinned packages.");
        return new GeneratorCatalog(builtIns.Concat(generators)) { UnavailablePlugins = unavailable.Select(u => u.Problem).ToArray() };
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
        // An MxException is an expected outcome whose message says everything; its own stack trace says nothing
        // more, but what caused it (an I/O error, a tool's failure) may.
        var detail = error is MxException ? error.InnerException : error;
        if (verbose && detail is not null) console.WriteLine(detail.ToString());
        return (int)code;
    }
}
