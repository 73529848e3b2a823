using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>Asks for missing answers on a terminal, with the default shown and the parameter's validation applied.</summary>
internal sealed class SpectrePrompter(IAnsiConsole console) : IAnswerPrompter
{
    public object Ask(Parameter parameter, object? defaultValue, IReadOnlyList<string> choices, Func<object, string?> validate)
    {
        if (choices.Count > 0 && parameter.Type == ParameterType.String)
        {
            var chosen = console.Prompt(Selection(parameter, defaultValue, choices));
            // A selection prompt clears itself; the echo keeps the answer on screen, as a text prompt does.
            console.MarkupLineInterpolated($"{parameter.Prompt}: [green]{chosen}[/]");
            return chosen;
        }
        var prompt = new TextPrompt<string>(parameter.Prompt)
            .Validate(text =>
            {
                try
                {
                    var problem = validate(Answers.Parse(parameter.Type, text));
                    return problem is null ? ValidationResult.Success() : ValidationResult.Error(problem);
                }
                catch (FormatException e)
                {
                    return ValidationResult.Error(e.Message);
                }
            });
        if (defaultValue is not null) prompt.DefaultValue(Answers.Format(defaultValue));
        if (parameter.Type == ParameterType.StringList) prompt.AllowEmpty();
        return Answers.Parse(parameter.Type, console.Prompt(prompt));
    }

    /// <summary>The default first, and searchable by typing: some lists (regions) are longer than a screen.</summary>
    internal static SelectionPrompt<string> Selection(Parameter parameter, object? defaultValue, IReadOnlyList<string> choices)
    {
        var ordered = new List<string>(choices.Count);
        if (defaultValue is string preferred && choices.Contains(preferred)) ordered.Add(preferred);
        foreach (var choice in choices)
            if (!ordered.Contains(choice)) ordered.Add(choice);
        return new SelectionPrompt<string>().Title(parameter.Prompt).PageSize(12).EnableSearch().AddChoices(ordered);
    }
}
