using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class TrainingImageRegistryRule() : KubernetesRule(
    "MX2105", RuleFamily.MlWorkloads, Severity.Error,
    "Training images come from the project's Artifact Registry repository",
    "The cluster's nodes may pull only from the project's own registry (<region>-docker.pkg.dev/<gcp_project>/" +
    "<project_name>-images), whose tags are immutable and which 'mx run' pushes to. An image from elsewhere " +
    "is unreviewed, can change under the same tag, and is a dependency on a registry that may rate-limit or vanish.",
    "Build and push the image with 'mx run' (or docker push) to the project's registry and reference it there.",
    """
    kind: Job
    ...
        image: docker.io/someone/trainer:1.0
    """,
    """
    kind: Job
    ...
        image: europe-west4-docker.pkg.dev/acme-prod/acme-images/trainer:3f9c2e1
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (o.Kind is not ("Job" or "PyTorchJob" or "TrainJob") || context.TrainingRegistry is not { } registry) yield break;
        var images = PodTemplate.In(o).SelectMany(p => p.Spec.Get("containers").Items()).Select(c => c.Get("image"));
        if (o.Kind == "TrainJob") images = images.Append(o.Root.At("spec", "trainer", "image"));
        foreach (var image in images)
            if (image?.Text() is { } reference && !reference.StartsWith(registry + "/", StringComparison.Ordinal) && !reference.Contains('$'))
                yield return new Violation(image.Line(), image.Column(), $"training image '{reference}' of {o.Describe} is not from the project's registry {registry}");
    }
}
