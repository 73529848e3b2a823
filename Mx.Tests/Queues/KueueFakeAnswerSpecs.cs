using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mx.Tests.Support;
using Mx.Tests.Training;

namespace Mx.Tests.Queues;

/// <summary>
/// The fake kubectl's Kueue answers (Fakes/kueue) have Kueue v0.19.2's real shape: Workloads, ClusterQueues and
/// LocalQueues validate against the release's CRDs, and the visibility API's answer has exactly the fields of its
/// Go type, so the fakes cannot drift from what a cluster answers.
/// </summary>
public partial class KueueFakeAnswerSpecs
{
    private static readonly string Answers = Path.Combine(AppContext.BaseDirectory, "Fakes", "kueue");
    private static readonly string PinnedCrds = Path.Combine(Repository.Root, "Mx.Tests", "Schemas", "kueue");

    private static JsonArray Items(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Answers, file)))!["items"]!.AsArray();

    [Fact]
    public async Task Every_workload_the_fake_answers_is_valid_against_kueues_workload_crd()
    {
        var schema = await CrdSchema.LoadAsync(Path.Combine(PinnedCrds, "kueue.x-k8s.io_workloads.v0.19.2.yaml"), "v1beta2");

        foreach (var workload in Items("workloads.json"))
        {
            var problems = schema.Validate(workload!);
            Assert.True(problems.Count == 0, $"{workload!["metadata"]!["name"]}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public async Task Every_queue_the_fake_answers_is_valid_against_kueues_queue_crds()
    {
        var crds = Path.Combine(Repository.Shared, "schemas", "crds");
        var schemas = new Dictionary<string, CrdSchema>
        {
            ["ClusterQueue"] = await CrdSchema.LoadAsync(Path.Combine(crds, "kueue.x-k8s.io_clusterqueues.v0.19.2.yaml"), "v1beta2"),
            ["LocalQueue"] = await CrdSchema.LoadAsync(Path.Combine(crds, "kueue.x-k8s.io_localqueues.v0.19.2.yaml"), "v1beta2"),
        };

        foreach (var queue in Items("queues.json"))
        {
            var problems = schemas[queue!["kind"]!.GetValue<string>()].Validate(queue);
            Assert.True(problems.Count == 0, $"{queue["kind"]} {queue["metadata"]!["name"]}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void The_pending_workloads_answer_has_the_fields_of_kueues_pending_workloads_summary_and_names_waiting_workloads()
    {
        // apis/visibility/v1beta2/types.go (PendingWorkloadsSummary, PendingWorkload) and the metadata that
        // pkg/visibility/storage/utils.go newPendingWorkload copies, at v0.19.2; none of the item's fields is omitempty.
        string[] itemFields = ["metadata", "priority", "localQueueName", "positionInClusterQueue", "positionInLocalQueue"];
        string[] metadataFields = ["name", "namespace", "ownerReferences", "creationTimestamp"];
        var answer = JsonNode.Parse(File.ReadAllText(Path.Combine(Answers, "pendingworkloads-l4-2.json")))!.AsObject();
        Assert.Equal(("PendingWorkloadsSummary", "visibility.kueue.x-k8s.io/v1beta2"), (answer["kind"]!.GetValue<string>(), answer["apiVersion"]!.GetValue<string>()));
        Assert.Equal(["apiVersion", "items", "kind", "metadata"], answer.Select(p => p.Key).Order());
        var workloads = Items("workloads.json");

        foreach (var item in answer["items"]!.AsArray().Select(i => i!.AsObject()))
        {
            Assert.Equal(itemFields.Order(), item.Select(p => p.Key).Order());
            Assert.Empty(item["metadata"]!.AsObject().Select(p => p.Key).Except(metadataFields));
            var workload = workloads.Single(w => w!["metadata"]!["name"]!.ToString() == item["metadata"]!["name"]!.ToString()
                                                 && w["metadata"]!["namespace"]!.ToString() == item["metadata"]!["namespace"]!.ToString())!;
            Assert.Equal(workload["spec"]!["priority"]!.GetValue<int>(), item["priority"]!.GetValue<int>());
            Assert.Equal(workload["spec"]!["queueName"]!.GetValue<string>(), item["localQueueName"]!.GetValue<string>());
            Assert.DoesNotContain(workload["status"]!["conditions"]!.AsArray(), c => c!["type"]!.ToString() == "QuotaReserved" && c["status"]!.ToString() == "True");
        }
    }

    [Fact]
    public void The_fakes_workload_names_follow_kueues_naming_of_a_jobs_workload()
    {
        // pkg/controller/jobframework/workload_names.go: <kind lowercased>-<owner name>-<5 hex of a hash>.
        foreach (var workload in Items("workloads.json"))
        {
            var owner = workload!["metadata"]!["ownerReferences"]![0]!;
            Assert.Matches($"^{owner["kind"]!.ToString().ToLowerInvariant()}-{Regex.Escape(owner["name"]!.ToString())}-[0-9a-f]{{5}}$", workload["metadata"]!["name"]!.ToString());
            Assert.Equal(owner["uid"]!.ToString(), workload["metadata"]!["labels"]!["kueue.x-k8s.io/job-uid"]!.ToString());
        }
    }

    [Fact]
    public void The_pinned_crds_are_the_upstream_files_their_readme_names()
    {
        var rows = BlobRow().Matches(File.ReadAllText(Path.Combine(PinnedCrds, "README.md")));
        Assert.Equal(3, rows.Count);

        foreach (Match row in rows)
        {
            var bytes = File.ReadAllBytes(Path.Combine(PinnedCrds, row.Groups["file"].Value));
            Assert.Equal(long.Parse(row.Groups["bytes"].Value), bytes.LongLength);
            // git's blob id: SHA-1 of "blob <size>\0" and the content.
            var blob = Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {bytes.Length}\0"), .. bytes]));
            Assert.StartsWith(row.Groups["blob"].Value, blob);
        }
    }

    [GeneratedRegex(@"^\| `(?<file>[^`]+)` \| (?<bytes>[0-9]+) \|.*\| (?<blob>[0-9a-f]{8}) \|$", RegexOptions.Multiline)]
    private static partial Regex BlobRow();
}
