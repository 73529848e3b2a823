using System.CommandLine;
using System.Text;
using Mx.Cli.Rendering;
using Mx.Generators;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx generate &lt;Generator&gt;</c>: one subcommand per generator, whose parameters become options
/// automatically (<c>gcp_project</c> → <c>--gcp-project</c>), so <c>mx generate X --help</c> lists them.
/// </summary>
internal static class GenerateCommand
{
    /// <summary>
    /// An unknown generator name given with options ("mx generate Foo --name x") fails to parse before any action
    /// runs; this turns that into the unknown-generator error with a suggestion.
    /// </summary>
    public static MxException? ExplainParseErrors(ParseResult parsed, CommandContext context) =>
        parsed.CommandResult.Command is { Name: "generate" } command && command.Arguments is [Argument<string?> unmatched]
            && parsed.GetValue(unmatched) is { } name ? context.Catalog.Unknown(name) : null;

    /// <param name="withGenerators">Whether to add a subcommand per generator, which loads the catalog.</param>
    /// <param name="forHelp">
    /// Whether help will be shown: only then are defaults and choices worked out for the options' descriptions,
    /// which a cold 'mx generate' should not pay for.
    /// </param>
    public static Command Create(CommandContext context, bool withGenerators, bool forHelp = false)
    {
        // Holds the name when no generator subcommand matched it. Hidden once the generators are subcommands,
        // or every generator's usage would read 'mx generate [<generator>] X'.
        var unknown = new Argument<string?>("generator")
        {
            Description = "The generator to run (see 'mx list')", Arity = ArgumentArity.ZeroOrOne, Hidden = withGenerators,
        };
        var command = new Command("generate", "Render a generator's files into the project. Example: mx generate MLProjectSkeleton --name demo --no-input")
        {
            unknown,
        };
        // Reached only when no generator subcommand matched the name.
        command.SetAction(int (parsed) => parsed.GetValue(unknown) is { } name
            ? throw context.Catalog.Unknown(name)
            : throw new MxException("Name the generator to run, e.g. 'mx generate MLProjectSkeleton'. Run 'mx list' to see them."));
        if (withGenerators)
            foreach (var generator in context.Catalog.All) command.Subcommands.Add(ForGenerator(context, generator, forHelp));
        return command;
    }

    private static Command ForGenerator(CommandContext context, IGenerator generator, bool forHelp)
    {
        var output = new Option<string?>("--output", "-o") { HelpName = "DIR", Description = "Directory to generate into (default: ./<name> for a new project, else the current project)" };
        var answersFile = new Option<string?>("--answers") { HelpName = "FILE", Description = "YAML file of answers (answer name: value); flags override it" };
        var noInput = new Option<bool>("--no-input") { Description = "Never prompt: use flags, the answers file, state and defaults, and fail on a missing answer" };
        var force = new Option<bool>("--force") { Description = "Overwrite files you changed with mx's version (yours are backed up under .mx/backup/); same as --conflicts theirs" };
        var conflicts = ConflictOption.Create();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change, with diffs, and write nothing (exit 3 when there are conflicts)" };
        var git = new Option<bool>("--git") { Description = "Initialise a git repository and make the first commit, where the project has none" };
        var command = new Command(generator.Name, forHelp ? $"{generator.Summary} Example: {Example(generator)}" : generator.Summary)
        {
            output, answersFile, noInput, force, conflicts, dryRun, git,
        };

        var parameterOptions = generator.Parameters.Select(p =>
        {
            var option = new Option<string?>("--" + p.OptionName) { Description = p.Prompt, HelpName = p.Type == ParameterType.StringList ? "a,b,..." : p.Key };
            if (forHelp) Describe(option, p);
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
            // Checked here, against every generator's answers, because one answers file may serve several
            // generators; this generator's come first, so an option name is explained with its answer.
            if (parsed.GetValue(answersFile) is { } answersPath)
                AnswersFile.Load(Path.Combine(context.WorkingDirectory, answersPath),
                    generator.Parameters.Concat(context.Catalog.All.SelectMany(g => g.Parameters)).ToArray());
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

    // "mx generate MLProjectSkeleton --name <project_name> --no-input": the answers that have no default, which
    // is all a first run needs.
    private static string Example(IGenerator generator)
    {
        var example = new StringBuilder("mx generate ").Append(generator.Name);
        foreach (var parameter in generator.Parameters)
            if (parameter.Default is null) example.Append(" --").Append(parameter.OptionName).Append(" <").Append(parameter.Key).Append('>');
        return example.Append(" --no-input").ToString();
    }

    // The option's help: its allowed values as the placeholder when they are few, the rule otherwise, and the
    // default or [required].
    private static void Describe(Option option, Parameter parameter)
    {
        var choices = Evaluate(() => parameter.Choices?.Invoke(Answers.Empty));
        if (choices is { Count: > 0 and <= 6 }) option.HelpName = string.Join('|', choices);
        var description = new StringBuilder(parameter.Prompt);
        if (parameter.ValidationDescription is { } rule && option.HelpName?.Contains('|') != true)
            description.Append(" (").Append(rule).Append(')');
        string? defaultText = null;
        if (parameter.Default is not null)
            defaultText = parameter.DefaultDescription ?? (Evaluate(() => parameter.Default(Answers.Empty)) is { } value ? Answers.Format(value) : null);
        if (parameter.Default is null) description.Append(" [required]");
        else if (!string.IsNullOrEmpty(defaultText)) description.Append(" [default: ").Append(defaultText).Append(']');
        option.Description = description.ToString();
    }

    // A default or a list of choices may depend on earlier answers, which help does not have; those are left out.
    private static T? Evaluate<T>(Func<T?> compute) where T : class
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidCastException or NullReferenceException or IndexOutOfRangeException or ArgumentException)
        {
            return null;
        }
    }
}
