using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Tests.Queues;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// mx run in a project with GpuQueues (and teams): every job goes through a queue of a shape, in the namespace of the
/// caller's team (gcloud's account), against fake gcloud and kubectl that know the namespaces' LocalQueues.
/// </summary>
public class QueuedProjectRunSpecs
{
    private const string AllQueues = "cpu,l4-1,l4-2,team-vision:cpu,team-vision:l4-1,team-vision:l4-2,team-speech:cpu,team-speech:l4-1,team-speech:l4-2";

    private static RunWorld Queued(bool teams = true)
    {
        var world = new RunWorld();
        world.GenerateQueues(null, teams ? TeamCliSpecs.SampleTeams : []);
        world.Extra["MX_FAKE_QUEUES"] = AllQueues;
        return world;
    }

    private static (string[] Argv, string Stdin) Applied(RunWorld world)
    {
        var call = world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply"));
        return (call.Argv, call.Stdin!);
    }

    private static string NamespaceOf(string[] kubectlArgv) => kubectlArgv[Array.IndexOf(kubectlArgv, "--namespace") + 1];

    [Fact]
    public void A_members_job_runs_in_their_teams_namespace_through_its_local_queue_of_the_shape()
    {
        using var world = Queued();
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "grace@acme.ai";

        var result = world.Mx("run", "train", "--queue", "l4-2", "--gpus", "2");

        Assert.True(result.ExitCode == 0, result.All);
        var (argv, manifest) = Applied(world);
        var job = KubernetesYaml.Deserialize<V1Job>(manifest, strict: true);
        Assert.Equal("team-vision", NamespaceOf(argv));
        Assert.Equal("team-vision", job.Metadata.NamespaceProperty);
        Assert.Equal("l4-2", job.Metadata.Labels["kueue.x-k8s.io/queue-name"]);
        // The team namespace's service account of that name acts as the team's GCP account.
        Assert.Equal("training", job.Spec.Template.Spec.ServiceAccountName);
        Assert.Equal("2", job.Spec.Template.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Empty(KueueWebhookRules.ValidateJob(JsonNode.Parse(KubernetesJson.Serialize(job))!));
        Assert.All(world.Calls().Where(c => c.Tool == "kubectl"), c => Assert.Equal("team-vision", NamespaceOf(c.Argv)));
        Assert.Contains(world.Calls(), c => c.Tool == "gcloud" && c.Argv.SequenceEqual(["config", "get-value", "account", "--quiet"]));
        Assert.Contains("waits in queue l4-2 of namespace team-vision (your team's)", result.Output);
        // Whose job it is: the idle reaper warns the owner, GPU monitoring sums use per user.
        Assert.Equal("grace@acme.ai", job.Metadata.Annotations["mx.dev/owner"]);
        Assert.Equal("grace_acme.ai", job.Spec.Template.Metadata.Labels["mx.dev/user"]);
        Assert.Equal("nvidia-l4", job.Spec.Template.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
    }

    [Fact]
    public void Without_queue_a_job_still_goes_through_the_queue_of_the_gpu_pools_shape()
    {
        using var world = Queued(teams: false);

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        var (argv, manifest) = Applied(world);
        var job = KubernetesYaml.Deserialize<V1Job>(manifest, strict: true);
        Assert.Equal("training", NamespaceOf(argv));
        Assert.Equal("l4-1", job.Metadata.Labels["kueue.x-k8s.io/queue-name"]);
        // No teams, so who calls does not matter and gcloud is not asked.
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "gcloud");
    }

    [Theory]
    [InlineData("bob@acme.ai")]
    [InlineData(null)]
    public void Someone_in_no_team_submits_in_the_training_namespace(string? account)
    {
        using var world = Queued();
        if (account is not null) world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = account;

        var result = world.Mx("run", "train", "--queue", "l4-1");

        Assert.True(result.ExitCode == 0, result.All);
        var (argv, manifest) = Applied(world);
        Assert.Equal("training", NamespaceOf(argv));
        Assert.Equal("training", KubernetesYaml.Deserialize<V1Job>(manifest, strict: true).Metadata.NamespaceProperty);
    }

    [Theory]
    [InlineData(new[] { "--queue", "a100-1" }, "--queue a100-1: the project has no queue of that shape; its shapes are cpu, l4-1, l4-2")]
    [InlineData(new[] { "--queue", "cpu" }, "the cpu queue admits no GPUs")]
    [InlineData(new[] { "--queue", "l4-1", "--gpus", "2" }, "a node of queue l4-1 has 1 nvidia-l4 GPU(s)")]
    [InlineData(new[] { "--queue", "l4-2", "--gpus", "3" }, "a node of queue l4-2 has 2 nvidia-l4 GPU(s)")]
    public void A_shape_the_queues_cannot_serve_is_refused_before_any_tool_runs(string[] args, string message)
    {
        using var world = Queued();
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";

        var result = world.Mx(["run", "train", .. args]);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(message, result.Output);
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void A_team_queue_not_yet_applied_to_the_cluster_is_refused_before_anything_is_built()
    {
        using var world = Queued();
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";
        world.Extra["MX_FAKE_QUEUES"] = "cpu,l4-1,l4-2";

        var result = world.Mx("run", "train", "--queue", "l4-2");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("the 'team-vision' namespace has no Kueue LocalQueue; create one ('mx up' applies the project's queues)", result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "docker" || c.Argv.Contains("apply"));
    }

    [Fact]
    public async Task A_distributed_run_goes_through_the_queue_too_as_a_labelled_trainjob_in_the_teams_namespace()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");
        world.GenerateQueues(null, TeamCliSpecs.SampleTeams);
        world.Extra["MX_FAKE_QUEUES"] = AllQueues;
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "alan@acme.ai";

        var result = world.Mx("run", "train", "--distributed", "--workers", "2");

        Assert.True(result.ExitCode == 0, result.All);
        var (argv, manifest) = Applied(world);
        var job = YamlJson.LoadAll(manifest).Single()!;
        var schema = await CrdSchema.LoadAsync(Path.Combine(Repository.Shared, "schemas", "crds", "trainer.kubeflow.org_trainjobs.v2.3.0.yaml"), "v1alpha1");
        var problems = schema.Validate(job).Concat(KueueWebhookRules.ValidateJob(job)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal("team-speech", NamespaceOf(argv));
        Assert.Equal("team-speech", job["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("l4-1", job["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>());
        Assert.All(world.Calls().Where(c => c.Tool == "kubectl"), c => Assert.Equal("team-speech", NamespaceOf(c.Argv)));
    }

    [Fact]
    public void A_pytorchjob_in_a_queued_project_is_refused_rather_than_run_around_the_queues()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("pytorchjob");
        world.GenerateQueues();
        world.Extra["MX_FAKE_QUEUES"] = AllQueues;

        var result = world.Mx("run", "train", "--distributed");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("a PyTorchJob would run around them", result.Output);
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void A_member_lists_follows_and_cancels_jobs_in_their_teams_namespace()
    {
        using var world = Queued();
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "grace@acme.ai";
        Assert.Equal(0, world.Mx("run", "train", "--queue", "l4-2").ExitCode);
        var job = KubernetesYaml.Deserialize<V1Job>(Applied(world).Stdin, strict: true).Metadata.Name;

        var list = world.Mx("run", "--list");
        var logs = world.Mx("run", "--logs", job);
        var cancel = world.Mx("run", "--cancel", job);

        foreach (var result in new[] { list, logs, cancel }) Assert.True(result.ExitCode == 0, result.All);
        Assert.All(world.Calls().Where(c => c.Tool == "kubectl"), c => Assert.Equal("team-vision", NamespaceOf(c.Argv)));
        Assert.Contains($"Deleted jobs.batch/{job}.", cancel.Output);
    }
}
