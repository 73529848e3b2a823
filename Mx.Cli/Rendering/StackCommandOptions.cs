using System.CommandLine;
using Mx.Cli.Commands;
using Mx.Generators;
using Mx.Pulumi;

namespace Mx.Cli.Rendering;

/// <summary>The options every stack command shares (<c>--stack</c>, <c>--backend</c>, <c>--no-input</c>, <c>--json</c>), and how they resolve.</summary>
internal sealed class StackCommandOptions
{
    public Option<string?> Stack { get; } = new("--stack", "-s") { HelpName = "STACK", Description = "Stack to use (default: the one mx last used, else 'dev'); remembered in state" };
    public Option<string?> Backend { get; } = new("--backend") { HelpName = "URL", Description = "Pulumi backend: gs://BUCKET (default: the project's state bucket) or file://DIR for a local trial; remembered in state" };
    public Option<bool> NoInput { get; } = new("--no-input") { Description = "Never prompt; fail with an explanation where a confirmation is needed" };
    public Option<bool> Json { get; } = JsonOutput.CreateOption();

    public void AddTo(Command command)
    {
        command.Options.Add(Stack);
        command.Options.Add(Backend);
        command.Options.Add(NoInput);
        command.Options.Add(Json);
    }

    public InfraProject Load(CommandContext context, ParseResult parsed) =>
        InfraProject.Load(context.WorkingDirectory, parsed.GetValue(Stack), parsed.GetValue(Backend));

    /// <summary>Whether mx may ask the user something: a terminal, and no --no-input.</summary>
    public bool CanAsk(CommandContext context, ParseResult parsed) =>
        !parsed.GetValue(NoInput) && !Console.IsInputRedirected && context.Console.Profile.Capabilities.Interactive;

    /// <summary>Parses <c>--only</c>, which names one program.</summary>
    public static IReadOnlyList<StackProgram> Select(InfraProject project, string? only, IEnumerable<string> order)
    {
        if (only is null) return order.Select(project.Program).ToArray();
        if (!StackProgram.UpOrder.Contains(only))
            throw new MxException($"--only takes 'cluster' or 'platform', not '{only}'.");
        return [project.Program(only)];
    }
}
