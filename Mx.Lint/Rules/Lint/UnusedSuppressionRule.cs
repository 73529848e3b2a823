namespace Mx.Lint.Rules.Lint;

/// <summary>Reported by the engine for suppression comments that suppressed nothing in this run.</summary>
internal sealed class UnusedSuppressionRule() : Rule(
    RuleId, RuleFamily.Lint, Severity.Warning,
    "Suppressions suppress something",
    "A suppression whose finding is gone (the problem was fixed, or the line moved) would silently hide the " +
    "next real problem on that line. Removing it keeps suppressions an honest list of accepted risks.",
    "Delete the suppression comment (--fix does it).",
    """
    image: nginx:1.27.3  # mx-lint: disable=MX1101 upstream has no tags
    """,
    """
    image: nginx:1.27.3
    """,
    hasSafeFix: true)
{
    /// <summary>The id the engine gives an unused suppression.</summary>
    public const string RuleId = "MX9002";
}
