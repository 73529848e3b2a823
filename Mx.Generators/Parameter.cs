namespace Mx.Generators;

/// <summary>
/// One answer a generator needs. <see cref="Key"/> is the shared answer name (snake_case, the same across
/// generators so a later generator reuses an earlier answer); the command-line option is derived from it
/// unless <see cref="OptionName"/> says otherwise.
/// </summary>
public sealed record Parameter(string Key, ParameterType Type, string Prompt)
{
    /// <summary>The option without dashes, e.g. <c>gcp-project</c>.</summary>
    public string OptionName { get; init; } = Key.Replace('_', '-');

    /// <summary>Computes the default from the answers given so far; null means the answer is required.</summary>
    public Func<Answers, object?>? Default { get; init; }

    /// <summary>How the default is described in <c>mx describe</c> when it is computed from other answers.</summary>
    public string? DefaultDescription { get; init; }

    /// <summary>Returns null when the value is valid, else what is wrong and what would be valid.</summary>
    public Func<object, Answers, string?>? Validate { get; init; }

    /// <summary>The rule the validation enforces, in words, for <c>mx describe</c>.</summary>
    public string? ValidationDescription { get; init; }

    /// <summary>The values offered at a prompt, when the set is closed (regions, GPU types).</summary>
    public Func<Answers, IReadOnlyList<string>>? Choices { get; init; }
}
