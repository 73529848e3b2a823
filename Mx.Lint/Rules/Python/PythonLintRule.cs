namespace Mx.Lint.Rules.Python;

/// <summary>Findings of the project's Python linter (ruff, else flake8), which the engine runs and translates.</summary>
internal sealed class PythonLintRule() : Rule(
    RuleId, RuleFamily.Python, Severity.Error,
    "Python code passes the project's linter (ruff, or flake8 when ruff is not installed)",
    "mx runs the linter the project configures ([tool.ruff] in pyproject.toml) rather than inventing its own " +
    "Python rules, so 'mx lint', the editor and pre-commit agree. The message names the tool's own code " +
    "(F401, E501, ...); look it up in the tool's documentation.",
    "Fix what the tool reports (ruff check --fix fixes many), or configure the code away in pyproject.toml.",
    """
    import os
    import sys  # F401: imported but unused
    """,
    """
    import os
    """)
{
    /// <summary>The id the engine gives the linter's findings.</summary>
    public const string RuleId = "MX7101";
}
