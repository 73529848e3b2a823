namespace Mx.Pulumi;

/// <summary>
/// The environment variables mx sets for one <c>pulumi</c> run, built in pure functions (what every run gets is
/// <see cref="Tool.Pulumi"/>'s). The backend is given as
/// <c>PULUMI_BACKEND_URL</c> rather than with <c>pulumi login</c>, so running mx never changes which backend the
/// user's own <c>pulumi</c> is logged in to.
/// </summary>
public static class PulumiEnvironment
{
    public const string BackendUrl = "PULUMI_BACKEND_URL";
    public const string Passphrase = "PULUMI_CONFIG_PASSPHRASE";
    public const string PassphraseFile = "PULUMI_CONFIG_PASSPHRASE_FILE";

    public static IReadOnlyDictionary<string, string> For(string backend, bool streamingPreview = false)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BackendUrl] = backend,
        };
        // Without it, preview --json prints one document at the end instead of an event per line.
        if (streamingPreview) environment["PULUMI_ENABLE_STREAMING_JSON_PREVIEW"] = "true";
        return environment;
    }

    /// <summary>
    /// Self-managed backends encrypt secrets with a passphrase that pulumi reads from the environment; without
    /// one, pulumi fails half-way through a run. Returns what to do about it, or null when one is set (an empty
    /// passphrase counts: pulumi accepts it, and whether to use one is the team's choice).
    /// </summary>
    public static string? PassphraseProblem(Func<string, string?> environment) =>
        environment(Passphrase) is not null || environment(PassphraseFile) is { Length: > 0 }
            ? null
            : $"pulumi encrypts this project's secrets (the MLflow database password) with a passphrase, and none is set. " +
              $"Export {Passphrase} (or {PassphraseFile}, a file that holds it) with the passphrase your team keeps for this " +
              $"project, or choose one on the first run; everyone who runs mx up needs the same one.";
}
