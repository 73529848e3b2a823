using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class GpuPoolSchedulingRule() : KubernetesRule(
    "MX1103", RuleFamily.Kubernetes, Severity.Error,
    "Pods that request GPUs tolerate the GPU taint and select a GPU node pool",
    "mx's GPU pools are tainted nvidia.com/gpu so that ordinary pods never keep an expensive node awake. A pod " +
    "requesting nvidia.com/gpu without the toleration stays Pending forever; without a node selector on " +
    "cloud.google.com/gke-accelerator it may wait for, or scale up, the wrong GPU type.",
    "Add a toleration for key nvidia.com/gpu and a nodeSelector on cloud.google.com/gke-accelerator.",
    """
    spec:
      containers:
        - name: train
          resources:
            limits: {nvidia.com/gpu: 1}
    """,
    """
    spec:
      nodeSelector:
        cloud.google.com/gke-accelerator: nvidia-l4
      tolerations:
        - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
      containers:
        - name: train
          resources:
            limits: {nvidia.com/gpu: 1}
    """)
{
    public const string AcceleratorLabel = "cloud.google.com/gke-accelerator";

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        foreach (var pod in PodTemplate.In(o))
        {
            if (!pod.Containers.Any(c => Gpus.Requested(c) > 0)) continue;
            var tolerates = pod.Spec.Get("tolerations").Items().Any(t =>
                t.Get("key").Text() == "nvidia.com/gpu" || (t.Get("key") is null && t.Get("operator").Text() == "Exists"));
            var selects = pod.Spec.At("nodeSelector", AcceleratorLabel) is not null ||
                          pod.Spec.At("affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms").Items()
                              .SelectMany(t => t.Get("matchExpressions").Items()).Any(e => e.Get("key").Text() == AcceleratorLabel);
            var missing = new List<string>();
            if (!tolerates) missing.Add("a toleration for nvidia.com/gpu");
            if (!selects) missing.Add($"a node selector on {AcceleratorLabel}");
            if (missing.Count > 0)
                yield return new Violation(pod.Spec.Line(), pod.Spec.Column(),
                    $"{o.Describe} requests GPUs ({pod.Role}) but lacks {string.Join(" and ", missing)}");
        }
    }
}
