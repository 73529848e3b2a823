using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class GcsFuseVolumeRule() : KubernetesRule(
    "MX1112", RuleFamily.Kubernetes, Severity.Error,
    "A Cloud Storage FUSE volume needs its pod annotated for GKE's sidecar, with the sidecar's resources set in pairs",
    "GKE mounts a bucket volume (driver gcsfuse.csi.storage.gke.io) through a sidecar its webhook injects only into pods " +
    "annotated gke-gcsfuse/volumes: \"true\"; without it the pod waits in ContainerCreating for a mount that never comes. " +
    "The webhook copies a sidecar request without its limit (or a limit without its request) to the other, so one set " +
    "alone silently changes both.",
    "Add gke-gcsfuse/volumes: \"true\" to the pod template's annotations, and set each gke-gcsfuse/*-request with its *-limit.",
    """
    template:
      spec:
        volumes:
          - name: data
            csi: {driver: gcsfuse.csi.storage.gke.io, volumeAttributes: {bucketName: acme-data}}
    """,
    """
    template:
      metadata:
        annotations:
          gke-gcsfuse/volumes: "true"
      spec:
        volumes:
          - name: data
            csi: {driver: gcsfuse.csi.storage.gke.io, volumeAttributes: {bucketName: acme-data}}
    """)
{
    private const string Driver = "gcsfuse.csi.storage.gke.io";
    private static readonly string[] SidecarResources = ["cpu", "memory", "ephemeral-storage"];

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        foreach (var pod in PodTemplate.In(o))
        {
            var volumes = pod.Spec.Get("volumes").Items().Where(v => v.At("csi", "driver").Text() == Driver).ToArray();
            if (volumes.Length == 0) continue;
            var annotations = pod.Metadata.Get("annotations");
            if (annotations.Get("gke-gcsfuse/volumes").Text() is not ("true" or "True"))
                yield return new Violation(volumes[0].Line(), volumes[0].Column(),
                    $"volume '{volumes[0].Get("name").Text()}' of {o.Describe} mounts a bucket, but the pod is not annotated gke-gcsfuse/volumes: \"true\", so no sidecar mounts it");
            foreach (var resource in SidecarResources)
            {
                var request = annotations.Get($"gke-gcsfuse/{resource}-request");
                var limit = annotations.Get($"gke-gcsfuse/{resource}-limit");
                if ((request is null) != (limit is null) && (request ?? limit) is { } alone)
                    yield return new Violation(alone.Line(), alone.Column(),
                        $"{o.Describe} sets the FUSE sidecar's {resource} {(request is null ? "limit" : "request")} without its {(request is null ? "request" : "limit")}, which GKE then sets to the same value");
            }
        }
    }
}
