namespace Mx.Lint.Rules.Python;

/// <summary>Files black would reformat; reported only when black runs (ruff is not installed).</summary>
internal sealed class PythonFormatRule() : Rule(
    RuleId, RuleFamily.Python, Severity.Error,
    "Python code is formatted as black formats it",
    "One formatting for everyone keeps diffs to what changed. When ruff is not installed mx runs 'black " +
    "--check' with the project's line length, as CI would.",
    "Run 'black FILE' (or 'ruff format FILE') and commit the result.",
    """
    def f(a,b):
      return a+b
    """,
    """
    def f(a, b):
        return a + b
    """)
{
    /// <summary>The id the engine gives black's findings.</summary>
    public const string RuleId = "MX7102";
}
