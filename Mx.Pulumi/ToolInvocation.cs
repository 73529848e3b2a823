namespace Mx.Pulumi;

/// <summary>
/// One run of an external tool, as data: the argument list and environment come from the pure builders
/// (<see cref="PulumiArguments"/>, <see cref="GcloudArguments"/>, <see cref="KubectlArguments"/>), so tests can
/// assert them exactly. <paramref name="Doing"/> says what mx was doing, for the error message if it fails.
/// </summary>
public sealed record ToolInvocation(Tool Tool, IReadOnlyList<string> Arguments, string Doing)
{
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Written to the tool's standard input: how secrets reach a tool without appearing in its argv.</summary>
    public string? StandardInput { get; init; }

    /// <summary>What the user should try when the tool fails; the tool's own message is shown before it.</summary>
    public string Remedy { get; init; } = "Fix the cause above and run the command again; it is safe to repeat.";

    public override string ToString() => string.Join(' ', [Tool.Command, .. Arguments.Select(Quote)]);

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? argument : "'" + argument.Replace("'", "'\\''") + "'";
}
