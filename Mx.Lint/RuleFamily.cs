namespace Mx.Lint;

/// <summary>The kind of file or concern a rule is about; <c>mx lint --list</c> groups the catalogue by it.</summary>
public enum RuleFamily
{
    Kubernetes,
    MlWorkloads,
    Pulumi,
    Dockerfile,
    Secrets,
    State,
    Python,
    /// <summary>Findings about the linting itself: suppressions and files that cannot be parsed.</summary>
    Lint,
}
