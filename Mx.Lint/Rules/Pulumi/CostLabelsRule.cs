using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class CostLabelsRule() : PulumiRule(
    "MX3107", Severity.Warning,
    "Billable resources carry labels for cost attribution",
    "GCP billing exports group cost by resource labels. A cluster, node pool, bucket or registry without them " +
    "shows up as unattributed spend, which is how GPU bills go unexplained.",
    "Add labels (resourceLabels on clusters and nodeConfig of pools) such as project and managed-by.",
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
        labels: ${labels}
    """)
{
    private static readonly (string Type, string[] Path)[] Labelled =
    [
        ("gcp:container:Cluster", ["resourceLabels"]),
        ("gcp:container:NodePool", ["nodeConfig", "resourceLabels"]),
        ("gcp:storage:Bucket", ["labels"]),
        ("gcp:artifactregistry:Repository", ["labels"]),
        ("gcp:compute:Instance", ["labels"]),
    ];

    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        foreach (var (type, path) in Labelled)
            if (resource.Is(type) && resource.Properties.At(path) is null)
                yield return At(resource, $"'{resource.Name}' ({resource.Type}) has no {string.Join('.', path)} for cost attribution");
    }
}
