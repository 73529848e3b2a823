using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class ImageTagPinnedRule() : KubernetesRule(
    "MX1101", RuleFamily.Kubernetes, Severity.Error,
    "Container images are pinned to a version tag or a digest",
    "An untagged image means ':latest', and 'latest' moves: the same manifest runs different code on different " +
    "days and nodes, rollbacks do not roll back, and a compromised upstream push reaches the cluster unreviewed.",
    "Pin an exact version tag (nginx:1.27.3) or a digest (nginx@sha256:...).",
    """
    containers:
      - name: web
        image: nginx:latest
    """,
    """
    containers:
      - name: web
        image: nginx:1.27.3
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var images = PodTemplate.In(o).SelectMany(p => p.Containers).Select(c => c.Get("image"));
        if (o.Kind == "TrainJob") images = images.Append(o.Root.At("spec", "trainer", "image"));
        foreach (var image in images)
        {
            if (image?.Text() is not { } reference || reference.Contains('$') || reference.Contains("{{", StringComparison.Ordinal)) continue;
            if (ImageReference.Problem(reference) is { } problem)
                yield return new Violation(image.Line(), image.Column(), $"image '{reference}' {problem}");
        }
    }
}
