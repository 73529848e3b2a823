using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class HostPathVolumeRule() : KubernetesRule(
    "MX1105", RuleFamily.Kubernetes, Severity.Error,
    "No hostPath volumes, except allow-listed driver and exporter DaemonSets",
    "A hostPath volume reads or writes the node's own files: a way out of the container, and data that " +
    "silently disappears when the autoscaler replaces the node. Use a PersistentVolumeClaim, an emptyDir or a " +
    "bucket; node agents that need the host are allow-listed under host_access_allow in .mx/lint.yaml.",
    "Replace the hostPath volume with a PersistentVolumeClaim, an emptyDir or a GCS bucket.",
    """
    volumes:
      - name: data
        hostPath: {path: /mnt/data}
    """,
    """
    volumes:
      - name: data
        persistentVolumeClaim: {claimName: training-data}
    """)
{
    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (context.Config.AllowsHostAccess(o)) yield break;
        foreach (var pod in PodTemplate.In(o))
            foreach (var volume in pod.Spec.Get("volumes").Items())
                if (volume.Get("hostPath") is { } hostPath)
                    yield return new Violation(volume.Line(), volume.Column(),
                        $"volume '{volume.Get("name").Text()}' of {o.Describe} mounts the node's {hostPath.Get("path").Text() ?? "files"}");
    }
}
