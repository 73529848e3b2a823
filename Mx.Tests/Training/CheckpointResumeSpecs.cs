using System.Globalization;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// A trainer killed mid-run (as a node upgrade or preemption kills a job's pod) and started again with the same config
/// resumes after its last checkpoint, in the same MLflow run, and ends where an uninterrupted run ends. Runs on CPU
/// with Debian's PyTorch and the MLflow and Hydra doubles, like <see cref="TrainerRunsSpecs"/>.
/// </summary>
public class CheckpointResumeSpecs(TrainableProjects projects) : IClassFixture<TrainableProjects>
{
    private static readonly string Fakes = Path.Combine(AppContext.BaseDirectory, "Fakes", "python");

    // argv: tracking URI, checkpoint directory ("" for none), "kill" to SIGKILL the process as its second epoch starts,
    // that is after the first epoch's checkpoint was written.
    private const string Script = """
        import json, logging, os, signal, sys
        import torch.distributed
        import acme_vision.{0} as trainer
        from acme_vision.train import DataConfig, MlflowConfig, ModelConfig, TrainConfig, TrainerConfig
        logging.basicConfig(level=logging.INFO)
        if sys.argv[3] == "kill":
            real, calls = trainer.train_one_epoch, []
            def dies_in_epoch_2(*args, **kwargs):
                calls.append(1)
                if len(calls) == 2:
                    os.kill(os.getpid(), signal.SIGKILL)
                return real(*args, **kwargs)
            trainer.train_one_epoch = dies_in_epoch_2
        cfg = TrainConfig(
            seed=0,
            lr=1e-2,
            data=DataConfig(num_samples=512, num_features=4, batch_size=32),
            model=ModelConfig(hidden_size=16, num_hidden_layers=1),
            trainer=TrainerConfig(epochs=4, device="cpu"),
            mlflow=MlflowConfig(experiment_name="resume", tracking_uri=sys.argv[1], log_model=False),
            checkpoint_dir=sys.argv[2] or None,
        )
        print(json.dumps(trainer.{1}(cfg)))
        """;

    [Theory]
    [InlineData("skeleton", "train", "run_training")]
    [InlineData("distributed", "distributed", "run_distributed_training")]
    public void A_trainer_killed_after_its_first_checkpoint_resumes_at_epoch_2_in_the_same_run_and_ends_as_an_uninterrupted_one(
        string project, string module, string function)
    {
        using var temp = new TempDirectory();
        var script = string.Format(CultureInfo.InvariantCulture, Script, module, function);
        var trackingUri = new Uri(temp.Combine("mlruns")).AbsoluteUri;
        var checkpoints = temp.Combine("checkpoints", "job-1");
        var record = temp.Combine("record.json");

        var killed = Run(project, record, script, trackingUri, checkpoints, "kill");
        Assert.True(killed.ExitCode != 0, "the first run was to be killed in its second epoch:\n" + killed.All);
        Assert.Contains("epoch 1/4", killed.Error);
        Assert.DoesNotContain("epoch 2/4", killed.Error);
        Assert.True(File.Exists(Path.Combine(checkpoints, "last.pt")), killed.All);
        Assert.Empty(Directory.GetFiles(checkpoints, "*.partial"));

        var resumed = Run(project, record, script, trackingUri, checkpoints, "");

        Assert.True(resumed.ExitCode == 0, resumed.All);
        Assert.Contains($"resuming from checkpoint {checkpoints} at epoch 2/4", resumed.Error);
        Assert.DoesNotContain("epoch 1/4", resumed.Error);
        Assert.Contains("epoch 4/4", resumed.Error);
        var run = Assert.Single(MlflowRecord.Read(record).Runs);
        Assert.Equal("FINISHED", run.Status);
        Assert.Equal([1, 2, 3, 4], run.Steps("val_loss"));

        // The same weights, optimizer state and data order as a run that was never interrupted.
        using var other = new TempDirectory();
        var uninterrupted = Run(project, other.Combine("record.json"), script, new Uri(other.Combine("mlruns")).AbsoluteUri, "", "");
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.All);
        Assert.Equal(Loss(uninterrupted), Loss(resumed), 12);
        Assert.Equal(MlflowRecord.Read(other.Combine("record.json")).Runs.Single().Values("val_loss"), run.Values("val_loss"));
    }

    [Fact]
    public void A_finished_run_or_another_config_starts_afresh_instead_of_resuming()
    {
        using var temp = new TempDirectory();
        var script = string.Format(CultureInfo.InvariantCulture, Script, "train", "run_training");
        var trackingUri = new Uri(temp.Combine("mlruns")).AbsoluteUri;
        var checkpoints = temp.Combine("checkpoints");
        var record = temp.Combine("record.json");
        Assert.Equal(0, Run("skeleton", record, script, trackingUri, checkpoints, "").ExitCode);

        var again = Run("skeleton", record, script, trackingUri, checkpoints, "");

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("is of a finished run; starting afresh", again.Error);
        Assert.Contains("epoch 1/4", again.Error);
        Assert.Equal(2, MlflowRecord.Read(record).Runs.Count);

        var killed = Run("skeleton", record, script, trackingUri, checkpoints, "kill");
        Assert.NotEqual(0, killed.ExitCode);
        var changed = Run("skeleton", record, script.Replace("lr=1e-2", "lr=5e-3", StringComparison.Ordinal), trackingUri, checkpoints, "");
        Assert.True(changed.ExitCode == 0, changed.All);
        Assert.Contains("is of another config; starting afresh", changed.Error);
        Assert.Contains("epoch 1/4", changed.Error);
    }

    private TorchPython.Result Run(string project, string record, string script, string trackingUri, string checkpoints, string mode)
    {
        var root = projects.Root(project);
        var env = new Dictionary<string, string?>
        {
            ["PYTHONPATH"] = Fakes + Path.PathSeparator + Path.Combine(root, "src"),
            ["MX_FAKE_MLFLOW_RECORD"] = record,
            ["RANK"] = null, ["LOCAL_RANK"] = null, ["WORLD_SIZE"] = null, ["MASTER_ADDR"] = null, ["MASTER_PORT"] = null,
            ["MLFLOW_TRACKING_URI"] = null, ["MLFLOW_EXPERIMENT_NAME"] = null, ["MX_CHECKPOINT_DIR"] = null,
        };
        return TorchPython.Run(root, env, "-c", script, trackingUri, checkpoints, mode);
    }

    private static double Loss(TorchPython.Result result) =>
        double.Parse(result.Output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
}
