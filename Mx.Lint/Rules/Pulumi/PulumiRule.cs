using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

/// <summary>A rule that looks at every resource of the project's Pulumi YAML programs.</summary>
internal abstract class PulumiRule(string id, Severity severity, string title, string rationale, string hint, string bad, string good)
    : Rule(id, RuleFamily.Pulumi, severity, title, rationale, hint, bad, good)
{
    internal sealed override IEnumerable<Violation> Check(LintFile file, LintContext context) =>
        file.PulumiResources.SelectMany(r => CheckResource(r, context));

    protected abstract IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context);

    protected static Violation At(PulumiResource resource, string message) => new(resource.Line, resource.Column, message);
}
