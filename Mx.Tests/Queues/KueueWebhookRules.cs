using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mx.Tests.Queues;

/// <summary>
/// The Kueue v0.19.2 admission webhook's rules (and the CRDs' CEL rules, which a JSON schema validator skips) for the
/// objects GpuQueues writes, each naming its upstream file in github.com/kubernetes-sigs/kueue at that tag. An
/// object that passes the schema but breaks one of these is refused when the platform stack applies it.
/// LocalQueue and WorkloadPriorityClass have no validating webhook at v0.19.2 (pkg/webhooks holds none for them: webhooks.go
/// registers LocalQueue for conversion only, and pkg/webhooks/localqueue_webhook.go exists only after the tag); a
/// LocalQueue's one rule beyond its schema is the CRD's CEL rule on an update, <see cref="ValidateUpdate"/>.
/// </summary>
public static partial class KueueWebhookRules
{
    /// <summary>The problems Kueue would report for <paramref name="o"/>; empty when it admits it.</summary>
    public static IReadOnlyList<string> Validate(JsonNode o) => o["kind"]?.GetValue<string>() switch
    {
        "ClusterQueue" => ClusterQueue(o["spec"]!),
        "ResourceFlavor" => ResourceFlavor(o["spec"] ?? new JsonObject()),
        _ => [],
    };

    /// <summary>
    /// The problems Kueue would report when <paramref name="old"/> is replaced by <paramref name="updated"/> (the same
    /// object applied again after a regeneration); empty when it admits the update.
    /// </summary>
    public static IReadOnlyList<string> ValidateUpdate(JsonNode old, JsonNode updated)
    {
        var problems = new List<string>(Validate(updated));
        // apis/kueue/v1beta2/localqueue_types.go (the CRD's x-kubernetes-validations on spec.clusterQueue): a LocalQueue
        // cannot be moved to another ClusterQueue; it has to be deleted and created again.
        if (updated["kind"]?.GetValue<string>() == "LocalQueue"
            && old["spec"]?["clusterQueue"]?.GetValue<string>() is { } before && updated["spec"]?["clusterQueue"]?.GetValue<string>() != before)
            problems.Add("spec.clusterQueue: Invalid value: field is immutable");
        return problems;
    }

    /// <summary>
    /// pkg/controller/jobframework/validation.go (ValidateQueueName), run by the webhook of every job kind Kueue manages
    /// (Job, TrainJob, ...): the <c>kueue.x-k8s.io/queue-name</c> label names a LocalQueue, so it is a DNS-1123 subdomain.
    /// </summary>
    public static IReadOnlyList<string> ValidateJob(JsonNode job) =>
        job["metadata"]?["labels"]?["kueue.x-k8s.io/queue-name"]?.GetValue<string>() is { } queue && (queue.Length > 253 || !Dns1123Subdomain().IsMatch(queue))
            ? [$"metadata.labels[kueue.x-k8s.io/queue-name]: Invalid value: \"{queue}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"]
            : [];

    private static List<string> ClusterQueue(JsonNode spec)
    {
        var problems = new List<string>();
        var hasCohort = spec["cohortName"] is not null;
        var groups = spec["resourceGroups"]?.AsArray() ?? [];
        var seenResources = new HashSet<string>(StringComparer.Ordinal);
        var seenFlavors = new HashSet<string>(StringComparer.Ordinal);
        int totalFlavors = 0, totalCovered = 0;
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i]!;
            var covered = group["coveredResources"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
            var flavors = group["flavors"]!.AsArray();
            totalFlavors += flavors.Count;
            totalCovered += covered.Length;
            // pkg/webhooks/clusterqueue_webhook.go (validateResourceGroups): resource names are label keys, and a
            // resource or a flavor appears in one group only.
            for (var j = 0; j < covered.Length; j++)
            {
                problems.AddRange(LabelKeyProblems($"spec.resourceGroups[{i}].coveredResources[{j}]", covered[j]));
                if (!seenResources.Add(covered[j])) problems.Add($"spec.resourceGroups[{i}].coveredResources[{j}]: Duplicate value: \"{covered[j]}\"");
            }
            var combinations = 0;
            for (var j = 0; j < flavors.Count; j++)
            {
                var flavor = flavors[j]!;
                var name = flavor["name"]!.GetValue<string>();
                if (!seenFlavors.Add(name)) problems.Add($"spec.resourceGroups[{i}].flavors[{j}].name: Duplicate value: \"{name}\"");
                var resources = flavor["resources"]!.AsArray();
                combinations += resources.Count;
                // The CRD's CEL rule on a resource group.
                if (resources.Count != covered.Length)
                    problems.Add($"spec.resourceGroups[{i}]: flavors must have the same number of resources as the coveredResources");
                // clusterqueue_webhook.go (validateFlavorQuotas): resources in the order of coveredResources, quotas not
                // negative, limits only in a cohort, a lending limit no more than the nominal quota.
                for (var k = 0; k < Math.Min(resources.Count, covered.Length); k++)
                {
                    var resource = resources[k]!;
                    var path = $"spec.resourceGroups[{i}].flavors[{j}].resources[{k}]";
                    if (resource["name"]!.GetValue<string>() != covered[k]) problems.Add($"{path}.name: must match the name in coveredResources");
                    var nominal = Quantity(resource["nominalQuota"]!);
                    if (nominal < 0) problems.Add($"{path}.nominalQuota: must be greater than or equal to 0");
                    foreach (var limit in new[] { "borrowingLimit", "lendingLimit" })
                    {
                        if (resource[limit] is not { } value) continue;
                        if (!hasCohort) problems.Add($"{path}.{limit}: must be nil when cohort is empty");
                        if (Quantity(value) < 0) problems.Add($"{path}.{limit}: must be greater than or equal to 0");
                        if (limit == "lendingLimit" && Quantity(value) > nominal) problems.Add($"{path}.lendingLimit: must be less than or equal to the nominalQuota");
                    }
                }
            }
            // clusterqueue_webhook.go (validateFlavorResourceCombinations).
            if (combinations > 512) problems.Add($"spec.resourceGroups[{i}]: number of flavor-resource combinations in a resourceGroup must be ≤ 512");
        }
        // clusterqueue_webhook.go (validateTotalFlavors, validateTotalCoveredResources).
        if (totalFlavors > 256) problems.Add("spec.resourceGroups: total number of flavors across all resourceGroups must be ≤ 256");
        if (totalCovered > 256) problems.Add("spec.resourceGroups: total number of covered resources across all resourceGroups must be ≤ 256");
        // clusterqueue_webhook.go (validatePreemption): a borrower may not preempt where reclaiming is off.
        if (spec["preemption"] is { } preemption && (preemption["reclaimWithinCohort"]?.GetValue<string>() ?? "Never") == "Never"
            && (preemption["borrowWithinCohort"]?["policy"]?.GetValue<string>() ?? "Never") != "Never")
            problems.Add("spec.preemption: reclaimWithinCohort=Never and borrowWithinCohort.Policy!=Never");
        return problems;
    }

    private static List<string> ResourceFlavor(JsonNode spec)
    {
        var problems = new List<string>();
        // pkg/webhooks/resourceflavor_webhook.go (ValidateResourceFlavor): nodeLabels are valid labels.
        foreach (var (key, value) in spec["nodeLabels"]?.AsObject() ?? [])
        {
            problems.AddRange(LabelKeyProblems($"spec.nodeLabels.{key}", key));
            if (!LabelValue().IsMatch(value!.GetValue<string>())) problems.Add($"spec.nodeLabels.{key}: Invalid value: \"{value}\"");
        }
        // resourceflavor_webhook.go (validateNodeTaints): taint keys are label names, values label values, one taint per key and effect.
        var taints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var taint in spec["nodeTaints"]?.AsArray() ?? [])
        {
            var key = taint!["key"]!.GetValue<string>();
            problems.AddRange(LabelKeyProblems("spec.nodeTaints.key", key));
            if (taint["value"]?.GetValue<string>() is { } value && !LabelValue().IsMatch(value)) problems.Add($"spec.nodeTaints.value: Invalid value: \"{value}\"");
            if (!taints.Add($"{key}:{taint["effect"]}")) problems.Add("spec.nodeTaints: taints must be unique by key and effect pair");
        }
        // workload_webhook.go (validateTolerations), which resourceflavor_webhook.go calls: a toleration's key is a label name.
        foreach (var toleration in spec["tolerations"]?.AsArray() ?? [])
            if (toleration!["key"]?.GetValue<string>() is { Length: > 0 } key)
                problems.AddRange(LabelKeyProblems("spec.tolerations.key", key));
        return problems;
    }

    /// <summary>k8s.io/apimachinery validation IsQualifiedName, which label keys and resource names must pass.</summary>
    public static IEnumerable<string> LabelKeyProblems(string field, string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length is 0 or > 253 || !Dns1123Subdomain().IsMatch(prefix)))
            yield return $"{field}: Invalid value: \"{key}\": prefix part must be a DNS-1123 subdomain";
        if (name.Length is 0 or > 63 || !QualifiedName().IsMatch(name))
            yield return $"{field}: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.'";
    }

    /// <summary>A resource quantity in base units (cores, bytes, GPUs), enough to compare quotas with zero and each other.</summary>
    public static decimal Quantity(JsonNode node)
    {
        var text = node.GetValueKind() == System.Text.Json.JsonValueKind.Number ? node.ToJsonString() : node.GetValue<string>();
        var match = QuantityPattern().Match(text);
        if (!match.Success) throw new FormatException($"'{text}' is not a Kubernetes quantity");
        var number = decimal.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return number * match.Groups[2].Value switch
        {
            "" => 1m, "m" => 0.001m, "k" => 1e3m, "M" => 1e6m, "G" => 1e9m, "T" => 1e12m,
            "Ki" => 1024m, "Mi" => 1024m * 1024, "Gi" => 1024m * 1024 * 1024, "Ti" => 1024m * 1024 * 1024 * 1024,
            var suffix => throw new FormatException($"unknown quantity suffix '{suffix}'"),
        };
    }

    [GeneratedRegex(@"^([+-]?[0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex QuantityPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
