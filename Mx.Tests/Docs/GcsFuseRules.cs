using System.Globalization;
using k8s.Models;

namespace Mx.Tests.Docs;

/// <summary>
/// What GKE's Cloud Storage FUSE CSI driver would refuse, ignore or change in a pod that mounts a bucket, beyond the Pod schema
/// (GoogleCloudPlatform/gcs-fuse-csi-driver: the sidecar webhook in pkg/webhook/mutatingwebhook.go and config.go, the
/// volume attributes in pkg/csi_driver/utils.go).
/// </summary>
public static class GcsFuseRules
{
    public const string Driver = "gcsfuse.csi.storage.gke.io";
    private const string Annotation = "gke-gcsfuse/volumes";

    // pkg/csi_driver/utils.go: the volume attributes the driver reads; it ignores any other, so a misspelt one does nothing.
    private static readonly string[] VolumeAttributes =
    [
        "bucketName", "mountOptions", "fileCacheCapacity", "fileCacheForRangeRead", "metadataStatCacheCapacity", "metadataTypeCacheCapacity",
        "metadataCacheTTLSeconds", "metadataCacheTtlSeconds", "gcsfuseLoggingSeverity", "skipCSIBucketAccessCheck", "disableMetrics",
    ];

    private static readonly string[] SidecarResources = ["cpu", "memory", "ephemeral-storage"];

    public static IReadOnlyList<string> Problems(V1PodTemplateSpec template)
    {
        var problems = new List<string>();
        var annotations = template.Metadata.Annotations ?? new Dictionary<string, string>();
        var volumes = (template.Spec.Volumes ?? []).Where(v => v.Csi?.Driver == Driver).ToArray();
        if (volumes.Length == 0) return problems;
        // The webhook injects the sidecar that runs gcsfuse only into pods with the annotation, and accepts only these values.
        if (!annotations.TryGetValue(Annotation, out var enabled) || enabled is not ("true" or "True"))
            problems.Add($"a pod with a {Driver} volume needs the annotation {Annotation}: \"true\", or no sidecar mounts it");
        if (template.Spec.HostNetwork == true) problems.Add("the FUSE sidecar with workload identity does not support hostNetwork pods");
        // populateResource: a request without its limit (or a limit without its request) is copied to the other, so
        // setting one alone silently changes the other; Kubernetes refuses a request above its limit.
        foreach (var resource in SidecarResources)
        {
            var hasRequest = annotations.TryGetValue($"gke-gcsfuse/{resource}-request", out var request);
            var hasLimit = annotations.TryGetValue($"gke-gcsfuse/{resource}-limit", out var limit);
            if (hasRequest != hasLimit) problems.Add($"gke-gcsfuse/{resource}-request and -limit must be set together");
            if (hasRequest && hasLimit && new ResourceQuantity(request).ToDecimal() > new ResourceQuantity(limit).ToDecimal() && new ResourceQuantity(limit).ToDecimal() != 0)
                problems.Add($"the sidecar's {resource} request {request} is above its limit {limit}");
        }
        foreach (var volume in volumes)
        {
            var attributes = volume.Csi.VolumeAttributes ?? new Dictionary<string, string>();
            if (!attributes.TryGetValue("bucketName", out var bucket) || string.IsNullOrEmpty(bucket))
                problems.Add($"volume {volume.Name} names no bucketName");
            foreach (var key in attributes.Keys.Where(k => !VolumeAttributes.Contains(k)))
                problems.Add($"volume {volume.Name} has the attribute {key}, which the driver ignores");
            if (attributes.TryGetValue("metadataCacheTTLSeconds", out var ttl) && !int.TryParse(ttl, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                problems.Add($"volume {volume.Name}: metadataCacheTTLSeconds must be an integer, not {ttl}");
        }
        return problems;
    }
}
