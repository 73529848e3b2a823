using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Lint;

internal sealed class YamlSyntaxRule() : Rule(
    "MX9004", RuleFamily.Lint, Severity.Error,
    "YAML files parse",
    "A YAML file that does not parse is skipped by every other rule and fails kubectl, kustomize or Pulumi at " +
    "deploy time, far from where it was broken.",
    "Fix the syntax at the reported position (indentation, an unclosed quote or bracket).",
    """
    metadata:
      name: mlflow
       namespace: mlflow
    """,
    """
    metadata:
      name: mlflow
      namespace: mlflow
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context) =>
        file.YamlError is { } error ? [error] : [];
}
