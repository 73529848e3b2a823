using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// The generated trainers really train, on CPU, with Debian's PyTorch (python3-torch) and OmegaConf. MLflow and Hydra
/// are the recording doubles in Fakes/python (Debian packages neither and CI has no PyPI): what the trainer logs is
/// read back from the double's record, and any MLflow or Hydra call the doubles do not implement fails the test.
/// </summary>
public class TrainerRunsSpecs(TrainableProjects projects) : IClassFixture<TrainableProjects>
{
    private static readonly string Fakes = Path.Combine(AppContext.BaseDirectory, "Fakes", "python");

    // A small problem the MLP learns within a few epochs in about a second of CPU.
    private const string SmallConfig = """
        TrainConfig(
            seed=0,
            lr=1e-2,
            data=DataConfig(num_samples=512, num_features=4, batch_size=32),
            model=ModelConfig(hidden_size=16, num_hidden_layers=1),
            trainer=TrainerConfig(epochs=4, device="cpu"),
            mlflow=MlflowConfig(experiment_name="trainer-runs", tracking_uri=sys.argv[1]),
        )
        """;

    private const string ImportConfig = "import json, sys\n" +
        "from acme_vision.train import DataConfig, MlflowConfig, ModelConfig, TrainConfig, TrainerConfig\n";

    [Fact]
    public void The_skeleton_trainer_learns_and_logs_params_per_epoch_metrics_and_the_model_to_mlflow()
    {
        using var temp = new TempDirectory();
        var trackingUri = new Uri(temp.Combine("mlruns")).AbsoluteUri;
        var script = ImportConfig + "from acme_vision.train import run_training\n" +
            $"print(json.dumps(run_training({SmallConfig})))\n";

        var (result, record) = RunPython(projects.Skeleton, temp, [], "-c", script, trackingUri);

        Assert.True(result.ExitCode == 0, result.All);
        var run = SingleFinishedRun(record, "trainer-runs", trackingUri);
        AssertParams(run, new()
        {
            ["seed"] = "0", ["lr"] = "0.01", ["data.num_samples"] = "512", ["data.batch_size"] = "32",
            ["model.hidden_size"] = "16", ["trainer.epochs"] = "4", ["trainer.device"] = "cpu", ["device"] = "cpu",
            // Linear(4, 16) + Linear(16, 1): 4*16+16 + 16+1.
            ["num_parameters"] = "97",
        });
        AssertLearned(run, epochs: 4, returnedLoss: ParseLoss(result.Output));
        AssertModelLogged(run, Path.Combine(projects.Skeleton, "src", "acme_vision"));
    }

    [Fact]
    public void The_distributed_trainer_without_torchrun_trains_in_one_process_and_logs_as_rank_0()
    {
        using var temp = new TempDirectory();
        var trackingUri = new Uri(temp.Combine("mlruns")).AbsoluteUri;
        // Counts process-group set-ups: without torchrun's variables there must be none.
        var script = ImportConfig + """
            import torch.distributed as dist
            from acme_vision.distributed import run_distributed_training
            joins = []
            real_init = dist.init_process_group
            dist.init_process_group = lambda *a, **k: joins.append(k) or real_init(*a, **k)
            """ + "\n" + $"loss = run_distributed_training({SmallConfig})\n" +
            """print(json.dumps({"loss": loss, "joins": len(joins), "initialized": dist.is_initialized()}))""" + "\n";

        var (result, record) = RunPython(projects.Distributed, temp, [], "-c", script, trackingUri);

        Assert.True(result.ExitCode == 0, result.All);
        using var summary = JsonDocument.Parse(result.Output.Trim().Split('\n')[^1]);
        Assert.Equal(0, summary.RootElement.GetProperty("joins").GetInt32());
        Assert.False(summary.RootElement.GetProperty("initialized").GetBoolean());
        var run = SingleFinishedRun(record, "trainer-runs", trackingUri);
        AssertParams(run, new() { ["world_size"] = "1", ["device"] = "cpu", ["trainer.epochs"] = "4", ["num_parameters"] = "97" });
        AssertLearned(run, epochs: 4, returnedLoss: summary.RootElement.GetProperty("loss").GetDouble());
        // The bare MLP, not its DDP wrapper, is what gets logged.
        AssertModelLogged(run, Path.Combine(projects.Distributed, "src", "acme_vision"));
    }

    [Theory]
    [InlineData("skeleton", "acme_vision.train")]
    [InlineData("distributed", "acme_vision.distributed")]
    public void The_entry_point_trains_with_conf_config_yaml_and_command_line_overrides(string project, string module)
    {
        using var temp = new TempDirectory();
        var trackingUri = new Uri(temp.Combine("mlruns")).AbsoluteUri;
        // What the cluster's job sets; conf/config.yaml reads both through oc.env.
        var environment = new Dictionary<string, string?> { ["MLFLOW_TRACKING_URI"] = trackingUri, ["MLFLOW_EXPERIMENT_NAME"] = "from-job" };

        var (result, record) = RunPython(projects.Root(project), temp, environment,
            "-m", module, "trainer.epochs=3", "lr=0.01", "data.num_samples=512", "trainer.device=cpu", "mlflow.log_model=false");

        Assert.True(result.ExitCode == 0, result.All);
        var run = SingleFinishedRun(record, "from-job", trackingUri);
        // Overridden values, and conf/config.yaml's own for the rest.
        AssertParams(run, new()
        {
            ["lr"] = "0.01", ["trainer.epochs"] = "3", ["data.num_samples"] = "512", ["trainer.device"] = "cpu",
            ["seed"] = "42", ["data.batch_size"] = "64", ["data.num_features"] = "16", ["model.hidden_size"] = "64",
        });
        AssertLearned(run, epochs: 3, returnedLoss: null);
        Assert.Empty(run.Models);
        Assert.Contains("epoch 3/3", result.Error);
    }

    [Theory]
    [InlineData("skeleton")]
    [InlineData("distributed")]
    public void The_generated_projects_own_tests_pass_on_CPU(string project)
    {
        using var temp = new TempDirectory();

        var (result, record) = RunPython(projects.Root(project), temp, [],
            "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", temp.Combine("pytest"));

        Assert.True(result.ExitCode == 0, result.All);
        // Every test ran: a missing torch, mlflow or hydra would show as skipped (the tests use importorskip).
        var counts = Regex.Match(result.Output, @"^(\d+) passed in [\d.]+s", RegexOptions.Multiline);
        Assert.True(counts.Success, "expected only passed tests:\n" + result.All);
        Assert.True(int.Parse(counts.Groups[1].Value, CultureInfo.InvariantCulture) >= 15, result.Output);
        Assert.NotEmpty(record.Runs);
    }

    private static (TorchPython.Result, MlflowRecord) RunPython(
        string projectRoot, TempDirectory temp, Dictionary<string, string?> environment, params string[] args)
    {
        var recordPath = temp.Combine("mlflow-record.json");
        var env = new Dictionary<string, string?>
        {
            ["PYTHONPATH"] = Fakes + Path.PathSeparator + Path.Combine(projectRoot, "src"),
            ["MX_FAKE_MLFLOW_RECORD"] = recordPath,
            // The run must find no torchrun and no MLflow server of the machine it runs on.
            ["RANK"] = null, ["LOCAL_RANK"] = null, ["WORLD_SIZE"] = null, ["MASTER_ADDR"] = null, ["MASTER_PORT"] = null,
            ["MLFLOW_TRACKING_URI"] = null, ["MLFLOW_EXPERIMENT_NAME"] = null, ["ACME_VISION_CONFIG_DIR"] = null,
        };
        foreach (var (key, value) in environment) env[key] = value;
        var result = TorchPython.Run(projectRoot, env, args);
        var record = MlflowRecord.Read(recordPath);
        Assert.True(record.Violations.Count == 0,
            "the generated code used MLflow API the fake does not implement: " + string.Join(", ", record.Violations) + "\n" + result.All);
        return (result, record);
    }

    private static MlflowRecord.Run SingleFinishedRun(MlflowRecord record, string experiment, string trackingUri)
    {
        var run = Assert.Single(record.Runs);
        Assert.Equal("FINISHED", run.Status);
        Assert.Equal(trackingUri, run.TrackingUri);
        Assert.Equal(experiment, record.ExperimentOf(run).Name);
        return run;
    }

    private static void AssertParams(MlflowRecord.Run run, Dictionary<string, string> expected)
    {
        foreach (var (key, value) in expected)
            Assert.True(run.Params.TryGetValue(key, out var actual) && actual == value,
                $"param {key}: expected {value}, got {actual ?? "(not logged)"}; logged: {string.Join(", ", run.Params)}");
        // The tracking URI is connection detail, not a hyper-parameter.
        Assert.DoesNotContain(run.Params.Keys, k => k.StartsWith("mlflow.", StringComparison.Ordinal));
    }

    private static void AssertLearned(MlflowRecord.Run run, int epochs, double? returnedLoss)
    {
        var steps = Enumerable.Range(1, epochs).ToArray();
        Assert.Equal(steps, run.Steps("train_loss"));
        Assert.Equal(steps, run.Steps("val_loss"));
        var train = run.Values("train_loss");
        var val = run.Values("val_loss");
        Assert.All(train.Concat(val), v => Assert.True(double.IsFinite(v), $"non-finite loss in {string.Join(", ", val)}"));
        Assert.True(train[^1] < train[0], $"training loss did not go down: {string.Join(", ", train)}");
        Assert.True(val[^1] < val[0], $"validation loss did not go down: {string.Join(", ", val)}");
        if (returnedLoss is { } loss) Assert.Equal(val[^1], loss, 9);
    }

    private static void AssertModelLogged(MlflowRecord.Run run, string packageDir)
    {
        var model = Assert.Single(run.Models);
        Assert.Equal("model", model.Name);
        Assert.Equal("acme_vision.model.MLP", model.Class);
        Assert.Equal("cpu", model.Device);
        Assert.False(model.Training, "the model is logged in eval mode");
        Assert.Equal([packageDir], model.CodePaths);
        int[] Shape(string side) => model.Signature.GetProperty(side).GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
        Assert.Equal([-1, 4], Shape("inputs"));
        Assert.Equal([-1, 1], Shape("outputs"));
        Assert.Equal("float32", model.Signature.GetProperty("inputs").GetProperty("dtype").GetString());
    }

    private static double ParseLoss(string output) => double.Parse(output.Trim().Split('\n')[^1], CultureInfo.InvariantCulture);
}
