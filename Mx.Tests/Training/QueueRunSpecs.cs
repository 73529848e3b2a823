using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>mx run --queue against a fake kubectl that knows the training namespace's Kueue LocalQueues (or none).</summary>
public class QueueRunSpecs
{
    private static string Applied(RunWorld world) => world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply")).Stdin!;

    [Fact]
    public void A_queued_job_carries_the_queue_label_kueue_admits_it_by()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_QUEUES"] = "gpu-small,gpu-large";

        var result = world.Mx("run", "train", "--queue", "gpu-large");

        Assert.True(result.ExitCode == 0, result.All);
        var job = KubernetesYaml.Deserialize<V1Job>(Applied(world), strict: true);
        Assert.Equal("gpu-large", job.Metadata.Labels["kueue.x-k8s.io/queue-name"]);
        Assert.Contains("waits in queue gpu-large until Kueue admits it", result.Output);
    }

    [Fact]
    public async Task A_queued_trainjob_is_labelled_and_still_valid_against_its_crd()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");
        world.Extra["MX_FAKE_QUEUES"] = "gpu-large";

        var result = world.Mx("run", "train", "--distributed", "--queue", "gpu-large");

        Assert.True(result.ExitCode == 0, result.All);
        var job = YamlJson.LoadAll(Applied(world)).Single()!;
        var schema = await CrdSchema.LoadAsync(Path.Combine(Repository.Shared, "schemas", "crds", "trainer.kubeflow.org_trainjobs.v2.3.0.yaml"), "v1alpha1");
        var problems = schema.Validate(job);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal("gpu-large", job["metadata"]!["labels"]!["kueue.x-k8s.io/queue-name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, "the cluster answered no Kueue queues (error: the server doesn't have a resource type \"localqueues\")")]
    [InlineData("", "the 'training' namespace has no Kueue LocalQueue")]
    [InlineData("gpu-small", "the 'training' namespace has no such LocalQueue; it has gpu-small.")]
    public void A_queue_that_does_not_exist_is_refused_before_anything_is_built(string? queues, string expected)
    {
        using var world = new RunWorld();
        if (queues is not null) world.Extra["MX_FAKE_QUEUES"] = queues;

        var result = world.Mx("run", "train", "--queue", "gpu-large");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains(expected, result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool is "docker" or "gcloud" || c.Argv.Contains("apply"));
    }

    [Fact]
    public void A_pytorchjob_cannot_be_queued_because_kueue_no_longer_manages_it()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("pytorchjob");
        world.Extra["MX_FAKE_QUEUES"] = "gpu-large";

        var result = world.Mx("run", "train", "--distributed", "--queue", "gpu-large");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("Kueue, which no longer manages PyTorchJob by default", result.Output);
        Assert.Empty(world.Calls());
    }
}
