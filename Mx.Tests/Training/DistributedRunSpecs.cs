using System.Text.Json.Nodes;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

public class DistributedRunSpecs
{
    private static string Crds => Path.Combine(Repository.Shared, "schemas", "crds");

    private static JsonNode Submitted(RunWorld world) =>
        YamlJson.LoadAll(world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply")).Stdin!).Single()!;

    [Fact]
    public async Task A_distributed_run_submits_a_valid_trainjob_with_the_pushed_image_overrides_and_sizes()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");
        var commit = world.Git("rev-parse", "--short=12", "HEAD");

        var result = world.Mx("run", "train", "--distributed", "--workers", "2", "--gpus-per-worker", "1", "-P", "lr=0.01");

        Assert.True(result.ExitCode == 0, result.All);
        var job = Submitted(world);
        var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, "trainer.kubeflow.org_trainjobs.v2.3.0.yaml"), "v1alpha1");
        var problems = schema.Validate(job);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var trainer = job["spec"]!["trainer"]!;
        var image = $"europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision:{commit}";
        Assert.Equal(image, trainer["image"]!.GetValue<string>());
        Assert.Contains(world.Calls(), c => c.Tool == "docker" && c.Argv.SequenceEqual(["push", image]));
        Assert.Equal(["torchrun", "--module", "acme_vision.distributed"], trainer["command"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(["lr=0.01", "trainer.epochs=5", "data.batch_size=64"], trainer["args"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(2, trainer["numNodes"]!.GetValue<long>());
        Assert.Equal(1, trainer["numProcPerNode"]!.GetValue<long>());
        Assert.Equal(1, trainer["resourcesPerNode"]!["limits"]!["nvidia.com/gpu"]!.GetValue<long>());

        var name = job["metadata"]!["name"]!.GetValue<string>();
        var calls = world.Calls().Select(c => c.Argv).ToArray();
        Assert.Contains(calls, a => a.Contains("--for=create") && a.Contains($"job/{name}-node-0"));
        Assert.Contains(calls, a => a.Contains("--follow") && a.Contains($"job/{name}-node-0"));
        Assert.Contains("epoch 3/3", result.Output);
    }

    [Fact]
    public async Task A_distributed_run_with_the_v1_operator_submits_a_master_and_workers_as_a_valid_pytorchjob()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("pytorchjob");

        var result = world.Mx("run", "train", "--distributed", "--workers", "2");

        Assert.True(result.ExitCode == 0, result.All);
        var job = Submitted(world);
        var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, "kubeflow.org_pytorchjobs.v1.9.4.yaml"), "v1");
        var problems = schema.Validate(job);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var replicas = job["spec"]!["pytorchReplicaSpecs"]!.AsObject();
        Assert.Equal(1, replicas["Master"]!["replicas"]!.GetValue<long>());
        Assert.Equal(1, replicas["Worker"]!["replicas"]!.GetValue<long>());
        Assert.All(replicas, r => Assert.Equal(
            ["lr=0.001", "trainer.epochs=5", "data.batch_size=64"],
            r.Value!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>())));
        var name = job["metadata"]!["name"]!.GetValue<string>();
        Assert.Contains(world.Calls(), c => c.Argv.Contains("--follow") && c.Argv.Contains($"pod/{name}-master-0"));
    }

    [Theory]
    [InlineData("trainjob", "spec")]
    [InlineData("pytorchjob", "runPolicy")]
    public void A_distributed_run_stops_after_the_job_deadline_answer_or_the_runs_own_deadline(string trainingOperator, string owner)
    {
        using var world = new RunWorld();
        world.GenerateDistributed(trainingOperator);
        JsonNode Deadline(JsonNode job) => (owner == "spec" ? job["spec"] : job["spec"]!["runPolicy"])!["activeDeadlineSeconds"]!;

        var byAnswer = world.Mx("run", "train", "--distributed");
        Assert.True(byAnswer.ExitCode == 0, byAnswer.All);
        Assert.Equal(72 * 3600, Deadline(Submitted(world)).GetValue<long>());

        File.Delete(world.LogPath);
        var byRun = world.Mx("run", "train", "--distributed", "--deadline", "12");
        Assert.True(byRun.ExitCode == 0, byRun.All);
        Assert.Equal(12 * 3600, Deadline(Submitted(world)).GetValue<long>());
    }

    [Fact]
    public void A_failed_rank_0_fails_the_run_with_its_exit_code_and_cancel_deletes_the_trainjob()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");
        world.Extra["MX_FAKE_JOB_EXIT"] = "3";

        var result = world.Mx("run", "train", "--distributed");
        var name = Submitted(world)["metadata"]!["name"]!.GetValue<string>();
        var cancel = world.Mx("run", "--cancel", name);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("RuntimeError: CUDA out of memory", result.All);
        Assert.True(cancel.ExitCode == 0, cancel.All);
        Assert.Contains($"trainjobs.trainer.kubeflow.org/{name}", cancel.Output);
    }

    [Theory]
    [InlineData(new[] { "--gpus-per-worker", "2" }, "--gpus-per-worker 2", "1 nvidia-l4 GPU(s)")]
    [InlineData(new[] { "--workers", "3" }, "--workers 3", "at most 2 nodes")]
    [InlineData(new[] { "--gpus", "1" }, "--gpus-per-worker")]
    public void Sizes_the_gpu_pool_cannot_serve_are_refused_before_anything_is_built(string[] options, params string[] messages)
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");

        var result = world.Mx(["run", "train", "--distributed", .. options]);

        CliScenario.AssertBadInput(result, messages);
        Assert.Empty(world.Calls());
    }
}
