using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class NoServiceAccountKeysRule() : PulumiRule(
    "MX3103", Severity.Error,
    "No service-account key resources",
    "A service-account key is a long-lived password for a Google identity: it ends up in stack state, CI " +
    "variables and laptops, and cannot be traced when it leaks. Workloads use workload identity, people use " +
    "their own login, and CI uses workload identity federation.",
    "Delete the key resource; use workload identity (pods) or workload identity federation (CI) instead.",
    """
    ciKey:
      type: gcp:serviceaccount:Key
      properties:
        serviceAccountId: ${ci.name}
    """,
    """
    ciWorkloadIdentity:
      type: gcp:serviceaccount:IAMMember
      properties:
        serviceAccountId: ${ci.name}
        role: roles/iam.workloadIdentityUser
        member: principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/github/attribute.repository/acme/vision
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (resource.Is("gcp:serviceaccount:Key") || resource.Is("gcp:serviceAccount:Key"))
            yield return At(resource, $"'{resource.Name}' creates a service-account key");
    }
}
