using System.Text.Json.Serialization;

namespace Mx.Lint;

/// <summary>One thing a rule found. <see cref="Path"/> is project-relative with forward slashes; lines and columns start at 1.</summary>
public sealed record Finding(string RuleId, Severity Severity, string Path, int Line, int Column, string Message)
{
    /// <summary>One line that tells the user what to change. The cache leaves it out: it is the rule's, and restored on load.</summary>
    [JsonIgnore]
    public string Hint { get; init; } = "";

    /// <summary>
    /// Identifies the finding across edits elsewhere in the file (rule, path and the text of the line, not its
    /// number), so a baseline and code scanning still match it after lines move.
    /// </summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>Set when the finding is suppressed; suppressed findings never fail the run.</summary>
    public Suppression? Suppression { get; init; }

    [JsonIgnore]
    public bool IsSuppressed => Suppression is not null;

    [JsonIgnore]
    public bool Fails => Suppression is null && Severity == Severity.Error;
}
