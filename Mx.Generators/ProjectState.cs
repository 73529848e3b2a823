namespace Mx.Generators;

/// <summary>
/// The contents of <c>.mx/state.yaml</c>: enough to re-render exactly what mx last wrote (generator versions
/// and answers) and to tell the user's edits from mx's own (the hash of every file as mx wrote it).
/// </summary>
public sealed record ProjectState
{
    public const int CurrentSchema = 1;

    public static readonly ProjectState Empty = new();

    public int Schema { get; init; } = CurrentSchema;
    public string MxVersion { get; init; } = "";
    public Answers Answers { get; init; } = Answers.Empty;
    public IReadOnlyList<AppliedGenerator> Generators { get; init; } = [];

    /// <summary>Project-relative path → SHA-256 of the content mx last wrote there (written to the file sorted by path).</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> Deployments { get; init; } = [];

    public IReadOnlyList<PluginPin> Plugins { get; init; } = [];

    /// <summary>Package sources the team trusts to install plugins from without asking.</summary>
    public IReadOnlyList<string> TrustedSources { get; init; } = [];

    public InfraSettings Infra { get; init; } = InfraSettings.Empty;

    public bool HasApplied(string generator) => Generators.Any(g => g.Name == generator);
}
