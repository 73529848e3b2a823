using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class StateBucketRule() : PulumiRule(
    "MX3106", Severity.Error,
    "The Pulumi state bucket is versioned and protected",
    "The state bucket is the only record of what the stacks created. Without object versioning a bad write or " +
    "a deleted object loses it; without protect a 'pulumi destroy' or a refactor deletes the bucket, and the " +
    "infrastructure becomes unmanageable.",
    "Set versioning.enabled: true on the bucket and options.protect: true (and retainOnDelete) on the resource.",
    """
    stateBucket:
      type: gcp:storage:Bucket
      properties:
        name: acme-prod-state
    """,
    """
    stateBucket:
      type: gcp:storage:Bucket
      properties:
        name: acme-prod-state
        versioning: {enabled: true}
      options:
        protect: true
        retainOnDelete: true
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (!resource.Is("gcp:storage:Bucket") || !IsStateBucket(resource, context)) yield break;
        var missing = new List<string>();
        if (!resource.Properties.At("versioning", "enabled").IsTrue()) missing.Add("versioning.enabled: true");
        if (!resource.Options.Get("protect").IsTrue()) missing.Add("options.protect: true");
        if (missing.Count > 0) yield return At(resource, $"state bucket '{resource.Name}' lacks {string.Join(" and ", missing)}");
    }

    // The bucket the project's backend names, or one named for state (mx names it <project>-state).
    private static bool IsStateBucket(PulumiResource resource, LintContext context)
    {
        var name = resource.Properties.Get("name").Text();
        if (context.State?.Infra.Backend is { } backend && name is not null && backend.TrimEnd('/') == $"gs://{name}") return true;
        return resource.Name.Contains("state", StringComparison.OrdinalIgnoreCase) || name?.EndsWith("-state", StringComparison.Ordinal) == true;
    }
}
