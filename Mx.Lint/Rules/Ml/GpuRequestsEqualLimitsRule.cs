using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Rules.Ml;

internal sealed class GpuRequestsEqualLimitsRule() : KubernetesRule(
    "MX2104", RuleFamily.MlWorkloads, Severity.Error,
    "GPU requests equal GPU limits",
    "GPUs cannot be overcommitted: Kubernetes rejects a pod whose nvidia.com/gpu request differs from its " +
    "limit, and a request without a limit is refused too. Setting both to the same number states exactly how " +
    "many GPUs the job gets.",
    "Set resources.requests and resources.limits of nvidia.com/gpu to the same number.",
    """
    resources:
      requests: {nvidia.com/gpu: 1}
      limits: {nvidia.com/gpu: 2}
    """,
    """
    resources:
      requests: {nvidia.com/gpu: 2}
      limits: {nvidia.com/gpu: 2}
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        foreach (var container in PodTemplate.In(o).SelectMany(p => p.Containers))
            if (Problem(container.Get("resources")) is { } problem)
                yield return new Violation(container.Line(), container.Column(), $"container '{ContainerName(container)}' of {o.Describe}: {problem}");
        if (o.Kind == "TrainJob" && o.Root.At("spec", "trainer", "resourcesPerNode") is { } perNode && Problem(perNode) is { } trainerProblem)
            yield return new Violation(perNode.Line(), perNode.Column(), $"the trainer of {o.Describe}: {trainerProblem}");
    }

    private static string? Problem(YamlNode? resources)
    {
        var request = resources.At("requests", Gpus.Resource);
        var limit = resources.At("limits", Gpus.Resource);
        if (request is null) return null;
        if (limit is null) return $"requests {request.Text()} GPU(s) but sets no GPU limit";
        return request.Int() != limit.Int() ? $"requests {request.Text()} GPU(s) but limits them to {limit.Text()}" : null;
    }
}
