namespace Mx.Lint.Rules.Lint;

/// <summary>Reported by the engine for suppressions whose until= date has passed; they suppress nothing any more.</summary>
internal sealed class ExpiredSuppressionRule() : Rule(
    RuleId, RuleFamily.Lint, Severity.Warning,
    "Suppressions have not expired",
    "until=YYYY-MM-DD turns 'we will fix this later' into a date. After it the finding counts again and this " +
    "warning says why, so temporary exceptions do not become permanent.",
    "Fix the finding, or extend the until= date with a reason for the extension.",
    """
    # mx-lint: disable=MX1101 migrating to the registry until=2024-01-31
    """,
    """
    # mx-lint: disable=MX1101 migrating to the registry, ticket ML-142 until=2026-09-30
    """)
{
    /// <summary>The id the engine gives an expired suppression.</summary>
    public const string RuleId = "MX9003";
}
