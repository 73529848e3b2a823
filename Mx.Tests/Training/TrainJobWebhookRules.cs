using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mx.Tests.Training;

/// <summary>
/// The Kubeflow Trainer v2.3.0 validating webhook's rules for a TrainJob that the CRD schema does not carry, for
/// what mx generates (a TrainJob on a ClusterTrainingRuntime, with runtime patches, no initializers, created once).
/// A TrainJob that passes the schema but breaks one of these is refused by the API server at submission.
/// </summary>
public static partial class TrainJobWebhookRules
{
    // pkg/constants/constants.go (TorchRunReservedEnvNames): the torch plugin sets these for torchrun itself.
    private static readonly string[] TorchRunReservedEnvNames = ["PET_NNODES", "PET_NPROC_PER_NODE", "PET_NODE_RANK", "PET_MASTER_ADDR", "PET_MASTER_PORT"];

    // pkg/constants/constants.go: the containers whose environment the Trainer owns.
    private static readonly string[] ContainersWithoutPatchedEnv = ["dataset-initializer", "model-initializer", "node"];

    /// <summary>The problems the webhook would report for <paramref name="job"/> on <paramref name="runtime"/>; empty when it admits it.</summary>
    public static IReadOnlyList<string> Validate(JsonNode job, JsonNode runtime)
    {
        var problems = new List<string>();
        var spec = job["spec"]!;

        // pkg/runtime/core/clustertrainingruntime.go (ValidateObjects): the referenced runtime must exist.
        var runtimeRef = spec["runtimeRef"];
        if (runtimeRef?["kind"]?.GetValue<string>() != runtime["kind"]!.GetValue<string>()
            || runtimeRef?["name"]?.GetValue<string>() != runtime["metadata"]!["name"]!.GetValue<string>())
            problems.Add($"spec.runtimeRef: {runtimeRef?.ToJsonString()} does not name the {runtime["kind"]} {runtime["metadata"]!["name"]}");

        // pkg/runtime/framework/plugins/torch/torch.go (Validate): no torchrun-reserved variables in trainer.env.
        var reserved = (spec["trainer"]?["env"]?.AsArray() ?? [])
            .Select(e => e!["name"]!.GetValue<string>())
            .Where(n => TorchRunReservedEnvNames.Contains(n, StringComparer.Ordinal))
            .ToArray();
        if (reserved.Length > 0)
            problems.Add($"spec.trainer.env: must not have reserved envs, invalid envs configured: [{string.Join(" ", reserved)}]");

        // pkg/runtime/framework/plugins/jobset/jobset.go (Validate): every patch names its manager as a domain-prefixed
        // path, and patches only replicated jobs and containers the runtime has, never the env of the Trainer's containers.
        var runtimeContainers = RuntimeContainers(runtime);
        foreach (var patch in spec["runtimePatches"]?.AsArray() ?? [])
        {
            problems.AddRange(DomainPrefixedPathProblems("spec.runtimePatches.manager", patch!["manager"]?.GetValue<string>() ?? ""));
            foreach (var replicatedJob in patch["trainingRuntimeSpec"]?["template"]?["spec"]?["replicatedJobs"]?.AsArray() ?? [])
            {
                var jobName = replicatedJob!["name"]!.GetValue<string>();
                if (!runtimeContainers.TryGetValue(jobName, out var containers))
                {
                    problems.Add($"spec.runtimePatches: must not have replicated job that doesn't exist in the runtime job template ({jobName})");
                    continue;
                }
                var podSpec = replicatedJob["template"]?["spec"]?["template"]?["spec"];
                foreach (var c in podSpec?["initContainers"]?.AsArray() ?? [])
                    if (!containers.Contains(c!["name"]!.GetValue<string>()))
                        problems.Add($"spec.runtimePatches: must not have initContainer that doesn't exist in the runtime job {jobName} ({c["name"]})");
                foreach (var c in podSpec?["containers"]?.AsArray() ?? [])
                {
                    var name = c!["name"]!.GetValue<string>();
                    if (!containers.Contains(name))
                        problems.Add($"spec.runtimePatches: must not have container that doesn't exist in the runtime job {jobName} ({name})");
                    else if (c["env"] is JsonArray { Count: > 0 } && ContainersWithoutPatchedEnv.Contains(name, StringComparer.Ordinal))
                        problems.Add($"spec.runtimePatches: must not have envs for the {string.Join(", ", ContainersWithoutPatchedEnv)} containers ({name})");
                }
            }
        }
        return problems;
    }

    /// <summary>k8s.io/apimachinery/pkg/util/validation (IsDomainPrefixedPath), which jobset.go calls for the manager.</summary>
    public static IEnumerable<string> DomainPrefixedPathProblems(string field, string value)
    {
        if (value.Length == 0)
        {
            yield return $"{field}: Required value";
            yield break;
        }
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == value.Length - 1)
        {
            yield return $"{field}: Invalid value: \"{value}\": must be a domain-prefixed path (such as \"acme.io/foo\")";
            yield break;
        }
        var host = value[..slash];
        if (host.Length > 253 || !Dns1123Subdomain().IsMatch(host))
            yield return $"{field}: Invalid value: \"{host}\": a lowercase RFC 1123 subdomain";
        if (!HttpPath().IsMatch(value[(slash + 1)..]))
            yield return $"{field}: Invalid value: \"{value[(slash + 1)..]}\": Invalid path";
    }

    private static Dictionary<string, HashSet<string>> RuntimeContainers(JsonNode runtime)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var replicatedJob in runtime["spec"]!["template"]!["spec"]!["replicatedJobs"]!.AsArray())
        {
            var podSpec = replicatedJob!["template"]!["spec"]!["template"]!["spec"]!;
            result[replicatedJob["name"]!.GetValue<string>()] = (podSpec["initContainers"]?.AsArray() ?? [])
                .Concat(podSpec["containers"]?.AsArray() ?? [])
                .Select(c => c!["name"]!.GetValue<string>())
                .ToHashSet(StringComparer.Ordinal);
        }
        return result;
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex(@"^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$")]
    private static partial Regex HttpPath();
}
