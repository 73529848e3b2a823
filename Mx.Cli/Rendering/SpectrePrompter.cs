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
            var selection = new SelectionPrompt<string>().Title(parameter.Prompt).AddChoices(choices);
            if (defaultValue is string preferred && choices.Contains(preferred))
                selection = new SelectionPrompt<string>().Title(parameter.Prompt).AddChoices(choices.OrderBy(c => c != preferred));
            return console.Prompt(selection);
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
}
