using System.Text.Json.Nodes;
using Mx.Tests.Training;

namespace Mx.Tests.Queues;

/// <summary>
/// mx queue list/status/move/priority against the fake kubectl, whose Kueue answers (Fakes/kueue) hold a pending,
/// an admitted, a finished, an admitted job without priority and a flex-start job holding quota while GKE provisions
/// its nodes in the training namespace, and an evicted job of the team namespace team-vision.
/// </summary>
public sealed class QueueCommandSpecs : IDisposable
{
    private const string Pending = "acme-vision-train-20261204-101500";
    private const string Admitted = "acme-vision-train-20261204-090000";
    private const string Finished = "acme-vision-train-20261203-180000";
    private const string AdmittedWithoutPriority = "acme-vision-train-20261204-080000";
    private const string Evicted = "vision-sweep-20261204-093000";
    private const string Provisioning = "acme-vision-train-20261204-113000";

    private readonly RunWorld _world = new();

    public QueueCommandSpecs() => _world.GenerateQueues();

    public void Dispose() => _world.Dispose();

    private IEnumerable<string[]> Labels() => _world.Calls().Where(c => c.Tool == "kubectl" && c.Argv.Contains("label")).Select(c => c.Argv);

    [Fact]
    public void List_reports_every_cluster_queue_with_its_quota_use_and_the_local_queues_of_every_namespace()
    {
        var result = _world.Mx("queue", "list", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Output)!;
        var l42 = json["cluster_queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "l4-2")!;
        Assert.Equal("acme-vision", l42["cohort"]!.GetValue<string>());
        Assert.Equal((2, 1, 1), (l42["pending"]!.GetValue<int>(), l42["reserving"]!.GetValue<int>(), l42["admitted"]!.GetValue<int>()));
        var gpus = l42["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "nvidia.com/gpu")!;
        Assert.Equal(("l4-2", "2", "2", "2", "0"), (gpus["flavor"]!.GetValue<string>(), gpus["nominal"]!.GetValue<string>(),
            gpus["reserved"]!.GetValue<string>(), gpus["used"]!.GetValue<string>(), gpus["borrowed"]!.GetValue<string>()));
        var cpuQueue = json["cluster_queues"]!.AsArray().Single(q => q!["name"]!.GetValue<string>() == "cpu")!;
        Assert.Equal("0", cpuQueue["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "cpu")!["reserved"]!.GetValue<string>());
        Assert.Equal(["team-vision/l4-2", "training/cpu", "training/l4-1", "training/l4-2"],
            json["local_queues"]!.AsArray().Select(q => $"{q!["namespace"]}/{q["name"]}"));
        Assert.Contains(_world.Calls(), c => c.Argv.SequenceEqual(["--context", "mx-acme-vision-dev", "get",
            "clusterqueues.kueue.x-k8s.io,localqueues.kueue.x-k8s.io", "--all-namespaces", "--output", "json"]));
    }

    [Fact]
    public void List_prints_tables_of_the_queues_for_people()
    {
        var result = _world.Mx("queue", "list");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("nvidia.com/gpu 2 / 2 (2 used)", result.Output);
        Assert.Contains("team-vision", result.Output);
    }

    [Fact]
    public void Status_of_a_waiting_job_gives_its_state_kueues_reason_and_its_position_from_the_visibility_api()
    {
        var result = _world.Mx("queue", "status", Pending, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal("pending", json["state"]!.GetValue<string>());
        Assert.Equal("training", json["namespace"]!.GetValue<string>());
        Assert.Equal($"job-{Pending}-5d0c2", json["workload"]!.GetValue<string>());
        Assert.Equal("l4-2", json["cluster_queue"]!.GetValue<string>());
        Assert.Equal(("normal", 200), (json["priority_class"]!.GetValue<string>(), json["priority"]!.GetValue<int>()));
        Assert.Equal((0, 0), (json["position_in_cluster_queue"]!.GetValue<int>(), json["position_in_local_queue"]!.GetValue<int>()));
        Assert.Contains("insufficient unused quota for nvidia.com/gpu in flavor l4-2", json["reason"]!.GetValue<string>());
        Assert.Contains(_world.Calls(), c => c.Argv.SequenceEqual(["--context", "mx-acme-vision-dev", "get", "--raw",
            "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/l4-2/pendingworkloads"]));
    }

    [Fact]
    public void Status_finds_a_job_of_a_team_namespace_and_says_it_was_evicted_and_waits_again()
    {
        var result = _world.Mx("queue", "status", Evicted);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Job team-vision/{Evicted} (Job): evicted in queue l4-2 (ClusterQueue l4-2), priority low (100)", result.Output);
        Assert.Contains("Position: 1 in ClusterQueue l4-2, 0 in LocalQueue team-vision/l4-2", result.Output);
        Assert.Contains("due to prioritization in the ClusterQueue", result.Output);
    }

    [Theory]
    [InlineData(Admitted, "admitted", "The workload is admitted")]
    [InlineData(Finished, "finished", "Reached expected number of succeeded pods")]
    public void Status_of_a_job_that_no_longer_waits_has_no_position(string job, string state, string reason)
    {
        var result = _world.Mx("queue", "status", job, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal(state, json["state"]!.GetValue<string>());
        Assert.Equal(reason, json["reason"]!.GetValue<string>());
        Assert.Null(json["position_in_cluster_queue"]);
        Assert.DoesNotContain(_world.Calls(), c => c.Argv.Contains("--raw"));
    }

    [Fact]
    public void Status_of_a_flex_start_job_holding_quota_gives_its_admission_checks_word()
    {
        var result = _world.Mx("queue", "status", Provisioning, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var json = JsonNode.Parse(result.Output)!;
        Assert.Equal("quota-reserved", json["state"]!.GetValue<string>());
        Assert.Equal("The workload has not all checks ready; l4-2-flex-start (Pending): Waiting for resources. Currently there are not enough " +
                     "resources available to fulfill the request.", json["reason"]!.GetValue<string>());
        Assert.Null(json["position_in_cluster_queue"]);
    }

    [Fact]
    public void A_flex_start_job_holding_quota_is_not_moved()
    {
        var result = _world.Mx("queue", "move", Provisioning, "--to", "l4-1");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("holds quota in ClusterQueue l4-2 while its admission checks run", result.Output);
        Assert.Empty(Labels());
    }

    [Fact]
    public void Status_without_the_visibility_api_still_answers_and_says_why_the_position_is_unknown()
    {
        _world.Extra["MX_FAKE_NO_VISIBILITY"] = "1";

        var result = _world.Mx("queue", "status", Pending);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Position unknown: Kueue's visibility API did not answer (Error from server (ServiceUnavailable)", result.Output);
    }

    [Fact]
    public void An_unknown_job_is_refused_with_how_to_find_the_jobs()
    {
        var result = _world.Mx("queue", "status", "acme-vision-train-19990101-000000");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("No Kueue workload belongs to a job called acme-vision-train-19990101-000000 in any namespace", result.Output);
        Assert.Contains("mx run --list", result.Output);
    }

    [Fact]
    public void Without_the_kube_context_mx_says_to_connect()
    {
        _world.Extra["MX_FAKE_NO_CONTEXT"] = "1";

        var result = _world.Mx("queue", "list");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("through the kube context mx-acme-vision-dev, and kubectl could not use it (Error in configuration: context was not found", result.Output);
        Assert.Contains("Run 'mx connect'", result.Output);
    }

    [Fact]
    public void A_cluster_without_kueue_is_a_missing_prerequisite()
    {
        _world.Extra["MX_FAKE_NO_KUEUE"] = "1";

        var result = _world.Mx("queue", "status", Pending);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("has no Kueue (error: the server doesn't have a resource type \"workloads\")", result.Output);
    }

    [Fact]
    public void Moving_a_waiting_job_relabels_it_with_the_new_shapes_queue()
    {
        var result = _world.Mx("queue", "move", Pending, "--to", "l4-1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Moved job {Pending} from queue l4-2 to l4-1", result.Output);
        Assert.Equal([["--context", "mx-acme-vision-dev", "--namespace", "training", "label", $"jobs.batch/{Pending}", "kueue.x-k8s.io/queue-name=l4-1", "--overwrite"]],
            Labels());
    }

    [Fact]
    public void An_evicted_job_waits_suspended_again_so_it_may_move_in_its_own_namespace()
    {
        var result = _world.Mx("queue", "move", Evicted, "--to", "l4-2", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("already waits in queue l4-2", JsonNode.Parse(result.Output)!["message"]!.GetValue<string>());
        Assert.Empty(Labels());
    }

    [Fact]
    public void Moving_to_a_shape_whose_local_queue_the_jobs_namespace_lacks_is_refused()
    {
        var result = _world.Mx("queue", "move", Evicted, "--to", "l4-1");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("namespace team-vision, where job vision-sweep-20261204-093000 runs, has no LocalQueue 'l4-1' (it has l4-2)", result.Output);
        Assert.Empty(Labels());
    }

    [Theory]
    [InlineData(Admitted, "is admitted in queue l4-2, so it cannot move")]
    [InlineData(Finished, "is finished in queue l4-1, so it cannot move")]
    public void A_job_that_kueue_admitted_cannot_move(string job, string expected)
    {
        var result = _world.Mx("queue", "move", job, "--to", "l4-1");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(expected, result.Output);
        Assert.Contains("only while the job is suspended", result.Output);
        Assert.Empty(Labels());
    }

    [Fact]
    public void A_move_kueues_webhook_refuses_meanwhile_is_reported_as_such()
    {
        _world.Extra["MX_FAKE_LABEL_DENIED"] = "1";

        var result = _world.Mx("queue", "move", Pending, "--to", "l4-1");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("Kueue refused to change job", result.Output);
        Assert.Contains("field is immutable", result.Output);
    }

    [Fact]
    public void An_unknown_shape_is_refused_with_the_shapes_of_the_project_before_the_cluster_is_asked()
    {
        var result = _world.Mx("queue", "move", Pending, "--to", "h100-8");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("'h100-8' is not one of the project's queue shapes, which are cpu, l4-1, l4-2", result.Output);
        Assert.Empty(_world.Calls());
    }

    [Fact]
    public void Changing_a_waiting_jobs_priority_relabels_it()
    {
        var result = _world.Mx("queue", "priority", Pending, "high");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("now has priority high; Kueue orders its queue by it", result.Output);
        Assert.Equal([["--context", "mx-acme-vision-dev", "--namespace", "training", "label", $"jobs.batch/{Pending}", "kueue.x-k8s.io/priority-class=high", "--overwrite"]],
            Labels());
    }

    [Fact]
    public void An_admitted_job_with_a_priority_class_may_change_it_which_only_changes_preemption()
    {
        var result = _world.Mx("queue", "priority", Admitted, "low");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("changes only which jobs Kueue preempts first", result.Output);
        Assert.Single(Labels());
    }

    [Theory]
    [InlineData(AdmittedWithoutPriority, "normal", "without a priority class, and Kueue lets one be added only while a job waits")]
    [InlineData(Finished, "high", "has finished, so its priority no longer matters")]
    [InlineData(Pending, "urgent", "'urgent' is not one of the project's priorities, which are low, normal, high (lowest first)")]
    public void Priorities_kueue_would_refuse_are_refused(string job, string priority, string expected)
    {
        var result = _world.Mx("queue", "priority", job, priority);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(expected, result.Output);
        Assert.Empty(Labels());
    }
}
