using k8s;
using k8s.Models;
using Mx.Tests.Cli;

namespace Mx.Tests.Training;

public class RunSpecs
{
    private static V1Job SubmittedJob(RunWorld world)
    {
        var apply = world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply"));
        return KubernetesYaml.Deserialize<V1Job>(apply.Stdin!, strict: true);
    }

    [Fact]
    public void The_image_is_built_pushed_and_run_under_the_commits_tag()
    {
        using var world = new RunWorld();
        var commit = world.Git("rev-parse", "--short=12", "HEAD");

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        var image = $"europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision:{commit}";
        var calls = world.Calls();
        Assert.Equal(["build", "--tag", image, world.Project], calls[0].Argv);
        Assert.Equal(["push", image], calls[1].Argv);
        Assert.Equal(image, SubmittedJob(world).Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public void Uncommitted_changes_give_a_dirty_tag_that_is_never_the_commits()
    {
        using var world = new RunWorld();
        var commit = world.Git("rev-parse", "--short=12", "HEAD");
        File.AppendAllText(Path.Combine(world.Project, "src", "acme_vision", "model.py"), "\n# experiment\n");

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        var image = SubmittedJob(world).Spec.Template.Spec.Containers[0].Image;
        Assert.Matches($":{commit}-dirty-\\d{{14}}$", image);
        Assert.Contains(world.Calls(), c => c.Tool == "docker" && c.Argv.SequenceEqual(["push", image]));
    }

    [Fact]
    public void A_job_stops_after_the_job_deadline_answer_unless_the_run_gives_its_own_deadline()
    {
        using var world = new RunWorld();

        var byAnswer = world.Mx("run", "train");
        Assert.True(byAnswer.ExitCode == 0, byAnswer.All);
        Assert.Equal(72 * 3600, SubmittedJob(world).Spec.ActiveDeadlineSeconds);

        File.Delete(world.LogPath);
        var byRun = world.Mx("run", "train", "--deadline", "6");
        Assert.True(byRun.ExitCode == 0, byRun.All);
        Assert.Equal(6 * 3600, SubmittedJob(world).Spec.ActiveDeadlineSeconds);
    }

    [Fact]
    public void Without_docker_the_image_is_built_by_cloud_build_which_never_prompts()
    {
        using var world = new RunWorld(withDocker: false);

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        var build = world.Calls()[0];
        Assert.Equal("gcloud", build.Tool);
        Assert.Equal(["builds", "submit", "--tag", SubmittedJob(world).Spec.Template.Spec.Containers[0].Image, "--project", "acme-vision-prod", world.Project], build.Argv);
        // A gcloud that asks (enable the Cloud Build API?) would wait on a terminal mx never gives it.
        Assert.Equal("1", System.Text.Json.Nodes.JsonNode.Parse(File.ReadLines(world.LogPath).First())!["prompts_disabled"]?.GetValue<string>());
    }

    [Fact]
    public void Parameters_and_defaults_reach_the_container_command()
    {
        using var world = new RunWorld();

        var result = world.Mx("run", "train", "-P", "lr=0.01", "-P", "batch_size=128");

        Assert.True(result.ExitCode == 0, result.All);
        var container = SubmittedJob(world).Spec.Template.Spec.Containers[0];
        Assert.Equal(["python", "-m", "acme_vision.train", "lr=0.01", "trainer.epochs=5", "data.batch_size=128"], container.Command);
        Assert.Empty(container.Args ?? []);
    }

    [Fact]
    public void The_gpu_request_matches_the_gpu_pools_selector_and_toleration()
    {
        using var world = new RunWorld();

        var result = world.Mx("run", "train", "--gpus", "1");

        Assert.True(result.ExitCode == 0, result.All);
        var pod = SubmittedJob(world).Spec.Template.Spec;
        Assert.Equal("1", pod.Containers[0].Resources.Requests["nvidia.com/gpu"].ToString());
        Assert.Equal("1", pod.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        Assert.Equal("nvidia-l4", pod.NodeSelector["cloud.google.com/gke-accelerator"]);
        Assert.Contains(pod.Tolerations, t => t.Key == "nvidia.com/gpu" && t.Effect == "NoSchedule");
        Assert.Equal("mx-acme-vision-dev", world.Calls().Single(c => c.Argv.Contains("apply")).Argv[1]);
    }

    [Fact]
    public void The_pods_logs_stream_and_a_succeeded_job_exits_0()
    {
        using var world = new RunWorld();

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("epoch 1/3 train_loss=0.8", result.Output);
        Assert.Contains("epoch 3/3 train_loss=0.6", result.Output);
        var name = SubmittedJob(world).Metadata.Name;
        Assert.Matches("^acme-vision-train-\\d{8}-\\d{6}$", name);
        Assert.Contains(world.Calls(), c => c.Argv.Contains("--follow") && c.Argv.Contains($"job/{name}"));
        // The link to the run the trainer announced in its log.
        Assert.Contains("MLflow run: http://localhost:5000/#/experiments/7/runs/0123456789abcdef0123456789abcdef (reach it with 'mx flow connect')", result.Output);
    }

    [Fact]
    public void A_failed_pod_gives_its_exit_code_and_shows_its_last_log_lines()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_JOB_EXIT"] = "7";

        var result = world.Mx("run", "train");

        Assert.Equal(7, result.ExitCode);
        Assert.Contains("failed with exit code 7", result.All);
        Assert.Contains("RuntimeError: CUDA out of memory", result.All);
    }

    [Fact]
    public void Cancel_deletes_the_job()
    {
        using var world = new RunWorld();
        Assert.Equal(0, world.Mx("run", "train").ExitCode);
        var name = SubmittedJob(world).Metadata.Name;

        var result = world.Mx("run", "--cancel", name);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "training", "delete", "jobs.batch", name, "--ignore-not-found", "--output=name"], world.Calls()[^1].Argv);
        Assert.Contains($"jobs.batch/{name}", result.Output);
        CliScenario.AssertBadInput(world.Mx("run", "--cancel", name), $"no job {name}");
    }

    [Fact]
    public void List_shows_the_submitted_jobs_and_logs_follows_one()
    {
        using var world = new RunWorld();
        Assert.Equal(0, world.Mx("run", "train").ExitCode);
        var name = SubmittedJob(world).Metadata.Name;

        var list = world.Mx("run", "--list");
        var logs = world.Mx("run", "--logs", name);
        var missing = world.Mx("run", "--logs", "acme-vision-train-19700101-000000");

        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains(name, list.Output);
        Assert.True(logs.ExitCode == 0, logs.All);
        Assert.Contains("epoch 3/3 train_loss=0.6", logs.Output);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("not found", missing.All);
    }

    [Theory]
    [InlineData(new[] { "run", "train", "--list" }, "one of")]
    [InlineData(new[] { "run", "evaluate" }, "no entry point 'evaluate'", "train")]
    [InlineData(new[] { "run", "train", "-P", "lr" }, "-P lr", "key=value")]
    [InlineData(new[] { "run", "train", "-P", "momentum=0.9" }, "no parameter momentum", "batch_size, epochs, lr")]
    [InlineData(new[] { "run", "train", "--gpus", "2" }, "--gpus 2", "1 nvidia-l4 GPU(s)")]
    [InlineData(new[] { "run", "train", "--distributed" }, "mx generate DistributedTraining")]
    [InlineData(new[] { "run", "train", "--workers", "2" }, "--distributed")]
    [InlineData(new[] { "run", "train", "--deadline", "0" }, "--deadline 0", "1-720 hours")]
    [InlineData(new[] { "run", "train", "--deadline", "721" }, "--deadline 721", "1-720 hours")]
    [InlineData(new[] { "run", "train", "--local", "--deadline", "2" }, "--deadline do not apply")]
    public void Bad_input_is_refused_before_anything_is_built_or_submitted(string[] args, params string[] messages)
    {
        using var world = new RunWorld();

        var result = world.Mx(args);

        CliScenario.AssertBadInput(result, messages);
        Assert.Empty(world.Calls());
    }
}
