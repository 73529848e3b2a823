namespace Mx.Generators;

/// <summary>Asks the user for an answer; the CLI implements it on a terminal. <paramref name="validate"/> returns an error or null.</summary>
internal interface IAnswerPrompter
{
    object Ask(Parameter parameter, object? defaultValue, IReadOnlyList<string> choices, Func<object, string?> validate);
}
