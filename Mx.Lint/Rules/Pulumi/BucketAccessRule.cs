using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class BucketAccessRule() : PulumiRule(
    "MX3104", Severity.Error,
    "Buckets use uniform bucket-level access and enforce public access prevention",
    "Per-object ACLs make it impossible to tell who can read a bucket from its IAM policy, and a single " +
    "'allUsers' grant publishes a data set. Uniform access keeps IAM the only source of truth; public access " +
    "prevention makes a public grant fail instead of succeed.",
    "Set uniformBucketLevelAccess: true and publicAccessPrevention: enforced on the bucket.",
    """
    dataBucket:
      type: gcp:storage:Bucket
      properties:
        location: EU
    """,
    """
    dataBucket:
      type: gcp:storage:Bucket
      properties:
        location: EU
        uniformBucketLevelAccess: true
        publicAccessPrevention: enforced
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (!resource.Is("gcp:storage:Bucket")) yield break;
        var missing = new List<string>();
        if (!resource.Properties.Get("uniformBucketLevelAccess").IsTrue()) missing.Add("uniformBucketLevelAccess: true");
        if (resource.Properties.Get("publicAccessPrevention").Text() != "enforced") missing.Add("publicAccessPrevention: enforced");
        if (missing.Count > 0) yield return At(resource, $"bucket '{resource.Name}' lacks {string.Join(" and ", missing)}");
    }
}
