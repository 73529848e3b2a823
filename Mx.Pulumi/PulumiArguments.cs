namespace Mx.Pulumi;

/// <summary>
/// The argument lists mx passes to <c>pulumi</c>, built in pure functions so tests assert them exactly. Every
/// command carries <c>--non-interactive</c> and <c>--color never</c>: mx reads pulumi's output, so pulumi must
/// never wait for a prompt or colour what it prints. Values of secrets never appear here; see
/// <see cref="SetSecretConfig"/>.
/// </summary>
public static class PulumiArguments
{
    private static readonly string[] NonInteractive = ["--non-interactive", "--color", "never"];

    public static IReadOnlyList<string> Version() => ["version"];

    public static IReadOnlyList<string> SelectStack(string stack) =>
        ["stack", "select", "--stack", stack, "--create", .. NonInteractive];

    /// <summary>Plain configuration values; <c>config set-all</c> writes them in one run.</summary>
    public static IReadOnlyList<string> SetConfig(string stack, IEnumerable<KeyValuePair<string, string>> values)
    {
        var arguments = new List<string> { "config", "set-all", "--stack", stack };
        foreach (var (key, value) in values)
        {
            arguments.Add("--plaintext");
            arguments.Add($"{key}={value}");
        }
        return [.. arguments, .. NonInteractive];
    }

    /// <summary>
    /// A secret configuration value: pulumi reads it from standard input when the command line has no value
    /// and stdin is not a terminal, so the secret is never visible in the process list.
    /// </summary>
    public static IReadOnlyList<string> SetSecretConfig(string stack, string key) =>
        ["config", "set", key, "--secret", "--stack", stack, .. NonInteractive];

    public static IReadOnlyList<string> RemoveConfig(string stack, string key) =>
        ["config", "rm", key, "--stack", stack, .. NonInteractive];

    /// <summary>
    /// <c>up --json</c> without <c>--skip-preview</c> first prints the preview as one JSON document, then the
    /// update's events; mx shows its own preview (<c>mx preview</c>), so the update streams events only.
    /// </summary>
    public static IReadOnlyList<string> Up(string stack, bool refresh, IReadOnlyList<string>? targets = null)
    {
        var arguments = new List<string> { "up", "--stack", stack, "--yes", "--skip-preview", "--json" };
        if (refresh) arguments.Add("--refresh");
        foreach (var target in targets ?? []) arguments.AddRange(["--target", target]);
        return [.. arguments, .. NonInteractive];
    }

    /// <summary>Streams events only with <c>PULUMI_ENABLE_STREAMING_JSON_PREVIEW</c> (see <see cref="PulumiEnvironment"/>).</summary>
    public static IReadOnlyList<string> Preview(string stack, bool refresh) =>
        refresh
            ? ["preview", "--stack", stack, "--json", "--refresh", .. NonInteractive]
            : ["preview", "--stack", stack, "--json", .. NonInteractive];

    /// <summary>
    /// <c>--exclude-protected</c> keeps protected resources (the state bucket) instead of failing on them.
    /// </summary>
    public static IReadOnlyList<string> Destroy(string stack, bool excludeProtected) =>
        excludeProtected
            ? ["destroy", "--stack", stack, "--yes", "--skip-preview", "--json", "--exclude-protected", .. NonInteractive]
            : ["destroy", "--stack", stack, "--yes", "--skip-preview", "--json", .. NonInteractive];

    /// <summary>Without <c>--show-secrets</c> pulumi prints secret outputs as <c>[secret]</c>, which mx never stores.</summary>
    public static IReadOnlyList<string> StackOutputs(string stack) =>
        ["stack", "output", "--stack", stack, "--json", .. NonInteractive];

    /// <summary>Removes a stale lock; mx prints this for the user rather than running it, since only they know no run is live.</summary>
    public static IReadOnlyList<string> Cancel(string stack) => ["cancel", "--stack", stack, "--yes"];
}
