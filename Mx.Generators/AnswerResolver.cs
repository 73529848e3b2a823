namespace Mx.Generators;

/// <summary>
/// Resolves a generator's answers, parameter by parameter in declaration order (so that a default can depend
/// on earlier answers), with the precedence flag &gt; answers file &gt; state &gt; prompt &gt; default. Every
/// value, wherever it came from, is validated.
/// </summary>
internal sealed class AnswerResolver(IAnswerPrompter? prompter)
{
    public Answers Resolve(IReadOnlyList<Parameter> parameters, Answers flags, Answers file, Answers state)
    {
        var answers = state;
        foreach (var parameter in parameters)
        {
            var (value, origin) = Given(parameter, flags, file, state) ?? (Ask(parameter, answers), "");
            var typed = Coerce(parameter, value, origin);
            var problem = parameter.Validate?.Invoke(typed, answers);
            if (problem is not null)
                throw new MxException($"Invalid {Describe(parameter, origin)} '{Answers.Excerpt(Answers.Format(typed))}': {problem}");
            answers = answers.With(parameter.Key, typed);
        }
        return answers;
    }

    private static (object, string)? Given(Parameter parameter, Answers flags, Answers file, Answers state)
    {
        if (flags.TryGetValue(parameter.Key, out var flag)) return (flag, $"--{parameter.OptionName}");
        if (file.TryGetValue(parameter.Key, out var fromFile)) return (fromFile, $"{parameter.Key} in the answers file");
        if (state.TryGetValue(parameter.Key, out var fromState)) return (fromState, $"{parameter.Key} in {StateFile.RelativePath}");
        return null;
    }

    private object Ask(Parameter parameter, Answers answers)
    {
        var defaultValue = parameter.Default?.Invoke(answers);
        if (prompter is null)
            return defaultValue ?? throw new MxException(
                $"--{parameter.OptionName} is required ({parameter.Prompt}). Pass it on the command line, " +
                "put it in an --answers file, or run without --no-input on a terminal to be asked.");
        var choices = parameter.Choices?.Invoke(answers) ?? [];
        return prompter.Ask(parameter, defaultValue, choices, value => parameter.Validate?.Invoke(value, answers));
    }

    // Values from YAML carry YAML's types ("3.11" may arrive as a string, 8 as a number); the parameter's type decides.
    private static object Coerce(Parameter parameter, object value, string origin)
    {
        var matches = parameter.Type switch
        {
            ParameterType.String => value is string,
            ParameterType.Integer => value is long,
            ParameterType.Boolean => value is bool,
            ParameterType.StringList => value is IReadOnlyList<string>,
            _ => false,
        };
        if (matches) return value;
        try
        {
            return Answers.Parse(parameter.Type, Answers.Format(value));
        }
        catch (FormatException e)
        {
            throw new MxException($"Invalid {Describe(parameter, origin)}: {e.Message}.");
        }
    }

    private static string Describe(Parameter parameter, string origin) =>
        origin.Length > 0 ? origin : $"answer for {parameter.Key}";
}
