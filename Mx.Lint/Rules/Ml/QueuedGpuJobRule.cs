using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class QueuedGpuJobRule() : KubernetesRule(
    "MX2108", RuleFamily.MlWorkloads, Severity.Error,
    "In a project with Kueue queues, every GPU job goes through one",
    "Kueue counts only the jobs it admits. A GPU job without the kueue.x-k8s.io/queue-name label in a project that has " +
    "queues is not suspended or counted: it takes GPU nodes that admitted jobs were promised, so they wait, or preempts " +
    "nothing and starves the queues' fair sharing. (MX2103 checks that a named queue exists.) Kueue 0.19 no longer manages " +
    "PyTorchJob by default, so a PyTorchJob cannot be queued by the label; use a TrainJob.",
    "Label the job with kueue.x-k8s.io/queue-name: <a LocalQueue of its namespace>.",
    """
    kind: Job
    metadata:
      name: train
      namespace: training   # the project declares LocalQueues
    # ... requests nvidia.com/gpu
    """,
    """
    kind: Job
    metadata:
      name: train
      namespace: training
      labels:
        kueue.x-k8s.io/queue-name: l4-1
    """)
{
    private const string QueueLabel = "kueue.x-k8s.io/queue-name";

    // The job kinds Kueue's default integrations admit by the label, and PyTorchJob, which it no longer does.
    private static readonly HashSet<string> JobKinds = new(StringComparer.Ordinal) { "Job", "JobSet", "TrainJob", "PyTorchJob", "MPIJob", "RayJob" };

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (!context.Facts.IsQueued || !JobKinds.Contains(o.Kind) || o.Labels.Get(QueueLabel) is not null || Requested(o) == 0) yield break;
        var at = o.Metadata ?? o.Root;
        yield return new Violation(at.Line(), at.Column(), o.Kind == "PyTorchJob"
            ? $"{o.Describe} requests GPUs in a project with Kueue queues, and Kueue 0.19 does not manage PyTorchJobs by default, so it runs around them; use a TrainJob with the {QueueLabel} label"
            : $"{o.Describe} requests GPUs in a project with Kueue queues but has no {QueueLabel} label, so it runs around them");
    }

    private static int Requested(KubeObject o)
    {
        if (o.Kind == "TrainJob")
        {
            var trainer = o.Root.At("spec", "trainer");
            return trainer.At("resourcesPerNode", "limits", Gpus.Resource).Int() ?? trainer.At("resourcesPerNode", "requests", Gpus.Resource).Int() ?? 0;
        }
        return PodTemplate.In(o).Sum(pod => pod.Containers.Sum(Gpus.Requested));
    }
}
