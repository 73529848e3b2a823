using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Mx.Tests.Training;

/// <summary>mx run --local with a fake python, and a fake kubectl whose port-forward serves the tracking server.</summary>
[Collection(TrackingPort.Collection)]
public class LocalRunSpecs
{
    private static JsonNode LocalCall(RunWorld world) =>
        File.ReadAllLines(world.LogPath).Select(l => JsonNode.Parse(l)!).Single(n => n["tool"]!.GetValue<string>() == "python");

    [Fact]
    public void The_entry_point_runs_here_with_its_parameters_tracked_through_a_forward_held_for_the_run()
    {
        using var world = new RunWorld();
        world.InstallLocalPython();

        var result = world.Mx("run", "train", "--local", "-P", "lr=0.01", "-P", "epochs=2");

        Assert.True(result.ExitCode == 0, result.All);
        var call = LocalCall(world);
        Assert.Equal(["-m", "acme_vision.train", "lr=0.01", "trainer.epochs=2", "data.batch_size=64"], call["argv"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(world.Project, call["cwd"]!.GetValue<string>());
        Assert.Equal("http://localhost:5000", call["tracking_uri"]!.GetValue<string>());
        Assert.StartsWith("src", call["pythonpath"]!.GetValue<string>());
        Assert.Equal("3.9.0", call["version"]!.GetValue<string>());
        Assert.Contains("epoch 2/2", result.Output);
        Assert.Contains("through a port-forward held for this run", result.Output);
        // The forward was closed afterwards, and nothing was built or submitted.
        using (var probe = new TcpListener(IPAddress.Loopback, 5000)) probe.Start();
        Assert.DoesNotContain(world.Calls(), c => c.Tool is "docker" or "gcloud" || c.Argv.Contains("apply"));
    }

    [Fact]
    public void Before_mx_up_the_run_is_tracked_in_a_local_file_store_and_says_so()
    {
        using var world = new RunWorld(clusterUp: false);
        world.InstallLocalPython();

        var result = world.Mx("run", "train", "--local", "-P", "epochs=1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(new Uri(Path.Combine(world.Project, "mlruns") + "/").AbsoluteUri, LocalCall(world)["tracking_uri"]!.GetValue<string>());
        Assert.Contains("a local file store", result.Output);
        Assert.Contains("mlflow ui --backend-store-uri ./mlruns", result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void A_tracking_uri_the_user_set_is_honoured_and_no_forward_is_opened()
    {
        using var world = new RunWorld();
        world.InstallLocalPython();
        world.Extra["MLFLOW_TRACKING_URI"] = "http://mlflow.internal.acme.ai:5000";

        var result = world.Mx("run", "train", "--local");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("http://mlflow.internal.acme.ai:5000", LocalCall(world)["tracking_uri"]!.GetValue<string>());
        Assert.Contains("(MLFLOW_TRACKING_URI)", result.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void The_local_commands_exit_code_is_mxs()
    {
        using var world = new RunWorld();
        world.InstallLocalPython();
        world.Extra["MX_FAKE_PYTHON_EXIT"] = "3";

        var result = world.Mx("run", "train", "--local");

        Assert.True(result.ExitCode == 3, result.All);
        Assert.Contains("train failed with exit code 3", result.Output);
    }

    [Theory]
    [InlineData("--gpus", "1")]
    [InlineData("--distributed", null)]
    [InlineData("--max-wait", "30m")]
    public void Cluster_options_with_local_are_refused_before_anything_starts(string option, string? value)
    {
        using var world = new RunWorld();
        world.InstallLocalPython();

        var result = world.Mx(value is null ? ["run", "train", "--local", option] : ["run", "train", "--local", option, value]);

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("--local runs the entry point on this machine", result.Output);
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void An_unknown_entry_point_lists_the_valid_ones_and_starts_nothing()
    {
        using var world = new RunWorld();
        world.InstallLocalPython();

        var result = world.Mx("run", "evaluate", "--local");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("MLproject has no entry point 'evaluate'; it has train.", result.Output);
        Assert.Empty(world.Calls());
    }
}
