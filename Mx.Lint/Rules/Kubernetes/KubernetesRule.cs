using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

/// <summary>A rule that looks at every Kubernetes API object in the project's YAML files.</summary>
internal abstract class KubernetesRule(string id, RuleFamily family, Severity severity, string title, string rationale, string hint,
    string bad, string good, bool hasSafeFix = false)
    : Rule(id, family, severity, title, rationale, hint, bad, good, hasSafeFix)
{
    internal sealed override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        foreach (var o in file.KubernetesObjects)
            if (o.IsApiObject)
                foreach (var violation in CheckObject(o, file, context))
                    yield return violation;
    }

    protected abstract IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context);

    protected static string ContainerName(YamlDotNet.RepresentationModel.YamlNode container) => container.Get("name").Text() ?? "(unnamed)";
}
