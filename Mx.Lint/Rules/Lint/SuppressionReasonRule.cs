namespace Mx.Lint.Rules.Lint;

/// <summary>Reported by the engine for suppression comments without a reason or naming unknown rules; they suppress nothing.</summary>
internal sealed class SuppressionReasonRule() : Rule(
    RuleId, RuleFamily.Lint, Severity.Error,
    "Suppressions name known rules and give a reason",
    "A suppression is a decision someone will have to revisit; without the reason nobody can tell whether it " +
    "still holds. A suppression without a reason, or naming a rule that does not exist, suppresses nothing.",
    "Write '# mx-lint: disable=MXnnnn <why this is fine> [until=YYYY-MM-DD]'.",
    """
    image: nginx:latest  # mx-lint: disable=MX1101
    """,
    """
    image: nginx:latest  # mx-lint: disable=MX1101 local smoke test only, never deployed until=2026-06-30
    """)
{
    /// <summary>The id the engine gives a suppression without a reason or with unknown rules.</summary>
    public const string RuleId = "MX9001";
}
