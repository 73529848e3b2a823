using System.CommandLine;
using Mx.Cli.Rendering;
using Mx.Generators;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx generate &lt;Generator&gt;</c>: one subcommand per generator, whose parameters become options
/// automatically (<c>gcp_project</c> → <c>--gcp-project</c>), so <c>mx generate X --help</c> lists them.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>Holds the name when no generator subcommand matched it.</summary>
    private static readonly Argument<string?> Unmatched = new("generator") { Description = "The generator to run (see 'mx list')", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>
    /// An unknown generator name given with options ("mx generate Foo --name x") fails to parse before any action
    /// runs; this turns that into the unknown-generator error with a suggestion.
    /// </summary>
    public static MxException? ExplainParseErrors(ParseResult parsed, CommandContext context) =>
        parsed.CommandResult.Command.Name == "generate" && parsed.GetValue(Unmatched) is { } name ? context.Catalog.Unknown(name) : null;

    /// <param name="withGenerators">Whether to add a subcommand per generator, which loads the catalog.</param>
    public static Command Create(CommandContext context, bool withGenerators)
    {
        var unknown = Unmatched;
        var command = new Command("generate", "Render a generator's files into the project. Example: mx generate MLProjectSkeleton --name demo --no-input")
        {
            unknown,
        };
        // Reached only when no generator subcommand matched the name.
        command.SetAction(int (parsed) => parsed.GetValue(unknown) is { } name
            ? throw context.Catalog.Unknown(name)
            : throw new MxException("Name the generator to run, e.g. 'mx generate MLProjectSkeleton'. Run 'mx list' to see them."));
        if (withGenerators)
            foreach (var generator in context.Catalog.All) command.Subcommands.Add(ForGenerator(context, generator));
        return command;
    }

    private static Command ForGenerator(CommandContext context, IGenerator generator)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Directory to generate into (default: ./<name> for a new project, else the current project)" };
        var answersFile = new Option<string?>("--answers") { Description = "YAML file of answers (answer name: value); flags override it" };
        var noInput = new Option<bool>("--no-input") { Description = "Never prompt: use flags, the answers file, state and defaults, and fail on a missing answer" };
        var force = new Option<bool>("--force") { Description = "Overwrite files you changed with mx's version (yours are backed up under .mx/backup/); same as --conflicts theirs" };
        var conflicts = ConflictOption.Create();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, with diffs, and write nothing (exit 3 when there are conflicts)" };
        var git = new Option<bool>("--git") { Description = "Initialise a git repository and make the first commit, where the project has none" };
        var command = new Command(generator.Name, generator.Summary) { output, answersFile, noInput, force, conflicts, dryRun, git };

        var parameterOptions = generator.Parameters.Select(p =>
        {
            var option = new Option<string?>("--" + p.OptionName) { Description = p.Prompt, HelpName = p.Type == ParameterType.StringList ? "a,b,..." : p.Key };
            command.Options.Add(option);
            return (Parameter: p, Option: option);
        }).ToArray();

        command.SetAction(parsed =>
        {
            var flags = Answers.Empty;
            foreach (var (parameter, option) in parameterOptions)
            {
                if (parsed.GetValue(option) is not { } text) continue;
                try
                {
                    flags = flags.With(parameter.Key, Answers.Parse(parameter.Type, text));
                }
                catch (FormatException e)
                {
                    throw new MxException($"Invalid --{parameter.OptionName}: {e.Message}. {parameter.Prompt}.");
                }
            }
            var interactive = !parsed.GetValue(noInput) && !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;
            var service = new GenerationService(context.Catalog, interactive ? new SpectrePrompter(context.Console) : null,
                interactive ? new SpectreConflictPrompter(context.Console) : null);
            var withGit = parsed.GetValue(git) && !parsed.GetValue(dryRun);
            if (withGit) Mx.Pulumi.GitRepository.Require();
            var outcome = service.Generate(new GenerateRequest(generator.Name, context.WorkingDirectory)
            {
                Flags = flags,
                AnswersFile = parsed.GetValue(answersFile),
                Output = parsed.GetValue(output),
                Force = parsed.GetValue(force),
                Conflicts = ConflictOption.Parse(parsed.GetValue(conflicts)),
                DryRun = parsed.GetValue(dryRun),
            });
            var code = OutcomeReport.Print(context, outcome, parsed.GetValue(dryRun), parsed.GetValue(MxApp.Verbose));
            if (withGit && code == ExitCode.Success && outcome.Written && !Mx.Pulumi.GitRepository.IsInside(outcome.Root))
            {
                Mx.Pulumi.GitRepository.InitialCommit(outcome.Root, $"mx generate {generator.Name}");
                context.Report.Line($"Initialised a git repository in {outcome.Root} with a first commit of the generated files.");
            }
            return (int)code;
        });
        return command;
    }
}
