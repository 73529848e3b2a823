using System.Globalization;
using System.Text.Json.Nodes;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Queues;

/// <summary>
/// What mx reads of a Kueue v0.19.2 Workload (<c>kueue.x-k8s.io/v1beta2</c>, <c>apis/kueue/v1beta2/workload_types.go</c>):
/// the job that owns it, its queue and priority, and its state from its conditions.
/// </summary>
internal sealed record KueueWorkload(
    string Namespace, string Name, string JobKind, string JobApiVersion, string JobName, string? Queue,
    string? PriorityClass, int? Priority, WorkloadState State, string? ClusterQueue, string? Reason, string Created)
{
    /// <summary>
    /// Kueue unsuspends a job when it admits it, and the job's queue-name label may change only while it is
    /// suspended: before quota is reserved, or after an eviction put it back in the queue.
    /// </summary>
    public bool Waiting => State is WorkloadState.Pending or WorkloadState.Evicted;

    /// <summary>kubectl's name of the owning job: <c>jobs.batch/NAME</c>, <c>trainjobs.trainer.kubeflow.org/NAME</c>.</summary>
    public string JobTarget
    {
        get
        {
            var slash = JobApiVersion.IndexOf('/');
            var group = slash < 0 ? "" : "." + JobApiVersion[..slash];
            return $"{JobKind.ToLowerInvariant()}s{group}/{JobName}";
        }
    }

    /// <summary>The Workloads of a <c>kubectl get workloads --output json</c> List that belong to a job (a controller owner).</summary>
    public static IReadOnlyList<KueueWorkload> ParseList(string json)
    {
        var workloads = new List<KueueWorkload>();
        foreach (var item in KubeObjects.Items(json))
            if (Parse(item) is { } workload) workloads.Add(workload);
        return workloads;
    }

    private static KueueWorkload? Parse(JsonNode item)
    {
        var metadata = item["metadata"];
        var owner = (metadata?["ownerReferences"]?.AsArray() ?? []).FirstOrDefault(o => o?["controller"]?.GetValue<bool>() == true);
        if (metadata is null || owner is null) return null;
        var spec = item["spec"];
        var status = item["status"];
        var conditions = (status?["conditions"]?.AsArray() ?? []).Where(c => c is not null)
            .ToDictionary(c => c!["type"]!.GetValue<string>(), c => c!, StringComparer.Ordinal);
        bool IsTrue(string type) => conditions.TryGetValue(type, out var c) && c["status"]?.GetValue<string>() == "True";
        string? Message(string type) => conditions.TryGetValue(type, out var c) ? c["message"]?.GetValue<string>() : null;
        var state = IsTrue("Finished") ? WorkloadState.Finished
            : IsTrue("Admitted") ? WorkloadState.Admitted
            : IsTrue("QuotaReserved") ? WorkloadState.QuotaReserved
            : IsTrue("Evicted") ? WorkloadState.Evicted
            : WorkloadState.Pending;
        // The condition that explains the state: why it waits, why it was evicted, how it finished.
        var reason = state switch
        {
            WorkloadState.Finished => Message("Finished"),
            WorkloadState.Admitted => Message("Admitted"),
            WorkloadState.QuotaReserved => string.Join("; ", new[] { Message("Admitted") ?? Message("QuotaReserved") }.Concat(Checks(status))
                .Where(m => !string.IsNullOrEmpty(m))),
            WorkloadState.Evicted => Message("Evicted"),
            _ => Message("QuotaReserved"),
        };
        return new KueueWorkload(
            metadata["namespace"]?.GetValue<string>() ?? "",
            metadata["name"]!.GetValue<string>(),
            owner["kind"]!.GetValue<string>(),
            owner["apiVersion"]!.GetValue<string>(),
            owner["name"]!.GetValue<string>(),
            spec?["queueName"]?.GetValue<string>(),
            spec?["priorityClassRef"]?["name"]?.GetValue<string>(),
            spec?["priority"] is JsonValue priority ? priority.GetValue<int>() : null,
            state,
            status?["admission"]?["clusterQueue"]?.GetValue<string>(),
            reason,
            metadata["creationTimestamp"]?.GetValue<string>() ?? "");
    }

    // A flex-start job holds quota while its admission check (the ProvisioningRequest) waits for GKE's nodes; the
    // check's message is GKE's word on them.
    private static IEnumerable<string> Checks(JsonNode? status) =>
        (status?["admissionChecks"]?.AsArray() ?? []).Where(c => c is not null)
            .Select(c => $"{c!["name"]} ({c["state"]}){(c["message"]?.GetValue<string>() is { Length: > 0 } m ? $": {m}" : "")}");

    /// <summary>The state's word in mx's output.</summary>
    public static string Describe(WorkloadState state) => state switch
    {
        WorkloadState.QuotaReserved => "quota-reserved",
        _ => state.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
