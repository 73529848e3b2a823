using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class SharedMemoryRule() : KubernetesRule(
    "MX2101", RuleFamily.MlWorkloads, Severity.Error,
    "Distributed training pods mount a memory-backed /dev/shm",
    "Containers get a 64 MiB /dev/shm. PyTorch's DataLoader workers pass batches and NCCL passes tensors " +
    "through it, so distributed jobs crash with 'Bus error' or hang once batches grow. An emptyDir with " +
    "medium: Memory mounted at /dev/shm lifts the limit. This covers PyTorchJobs, Trainer runtimes, TrainJobs " +
    "(through runtimePatches or a runtime of the project that mounts it) and parallel Jobs.",
    "Add an emptyDir volume with medium: Memory (and a sizeLimit) and mount it at /dev/shm in every container.",
    """
    pytorchReplicaSpecs:
      Worker:
        template:
          spec:
            containers:
              - name: pytorch
    """,
    """
    pytorchReplicaSpecs:
      Worker:
        template:
          spec:
            containers:
              - name: pytorch
                volumeMounts: [{name: dshm, mountPath: /dev/shm}]
            volumes:
              - name: dshm
                emptyDir: {medium: Memory, sizeLimit: 16Gi}
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var distributed = o.Kind is "PyTorchJob" or "TrainingRuntime" or "ClusterTrainingRuntime" or "TrainJob" ||
                          (o.Kind == "Job" && o.Root.At("spec", "parallelism").Int() > 1);
        if (!distributed) yield break;
        var pods = PodTemplate.In(o).ToList();
        if (o.Kind == "TrainJob")
        {
            if (pods.Count > 0 && pods.All(SharedMemory.Mounts)) yield break;
            var runtime = o.Root.At("spec", "runtimeRef", "name");
            if (runtime.Text() is { } name && context.Facts.SharedMemoryRuntimes.Contains(name)) yield break;
            var at = runtime ?? o.Root;
            yield return new Violation(at.Line(), at.Column(),
                $"{o.Describe} gets no memory-backed /dev/shm: runtime '{runtime.Text()}' is not one of the project's runtimes that mount it, and no runtimePatches add it");
            yield break;
        }
        foreach (var pod in pods.Where(p => !SharedMemory.Mounts(p)))
            yield return new Violation(pod.Spec.Line(), pod.Spec.Column(), $"{o.Describe} ({pod.Role}) does not mount a memory-backed /dev/shm in every container");
    }
}
