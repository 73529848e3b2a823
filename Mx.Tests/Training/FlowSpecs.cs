using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mx.Tests.Training;

/// <summary>mx flow against a fake kubectl whose port-forward serves MLflow's /version with its Host check.</summary>
public class FlowSpecs
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The project's server, told to accept one more local port, as a user would for a port of their own.</summary>
    private static int AllowAnotherPort(RunWorld world)
    {
        var port = FreePort();
        var path = Path.Combine(world.Project, "infra/k8s/training-infra/mlflow-deployment.yaml");
        File.WriteAllText(path, File.ReadAllText(path).Replace(",localhost:5000,", $",localhost:5000,localhost:{port},"));
        return port;
    }

    // The fake records each forward when it starts, and once more when it is interrupted.
    private static IEnumerable<(string Tool, string[] Argv, string? Stdin)> Forwards(RunWorld world) =>
        world.Calls().Where(c => c.Argv.Contains("port-forward")).Where((_, i) => !File.ReadAllLines(world.LogPath)
            .Where(l => l.Contains("port-forward")).ElementAt(i).Contains("\"interrupted\""));

    [Fact]
    public void Status_opens_a_forward_for_the_question_asks_the_version_and_closes_it()
    {
        using var world = new RunWorld();
        var port = AllowAnotherPort(world);
        world.Extra["MX_FAKE_MLFLOW_VERSION"] = "3.9.1";

        var result = world.Mx("flow", "status", "--port", port.ToString());

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"MLflow 3.9.1 answers at http://localhost:{port} (through a port-forward opened for this check", result.Output);
        var forward = Assert.Single(Forwards(world)).Argv;
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "mlflow", "port-forward", "service/mlflow", $"{port}:5000"], forward);
        Assert.Contains("\"interrupted\": true", File.ReadAllText(world.LogPath));
        using var probe = new TcpListener(IPAddress.Loopback, port);
        probe.Start();
    }

    [Fact]
    public void A_port_the_server_does_not_accept_is_refused_before_anything_starts()
    {
        using var world = new RunWorld();
        var result = world.Mx("flow", "status", "--port", "5001");

        Assert.True(result.ExitCode == 2, result.All);
        Assert.Contains("accepts requests for localhost:5000 only (--allowed-hosts in infra/k8s/training-infra/mlflow-deployment.yaml)", result.Output);
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void Status_says_what_kubectl_said_when_the_server_cannot_be_reached()
    {
        using var world = new RunWorld();
        var port = AllowAnotherPort(world);
        world.Extra["MX_FAKE_FORWARD_FAILS"] = "1";

        var result = world.Mx("flow", "status", "--port", port.ToString());

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains($"did not answer at http://localhost:{port}: error: services \"mlflow\" not found", result.Output);
        Assert.Contains("'mx deploy training-infra' deploys it", result.Output);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task Connect_keeps_the_forward_up_across_a_drop_and_stops_on_ctrl_c_with_130()
    {
        using var world = new RunWorld();
        var port = AllowAnotherPort(world);
        world.Extra["MX_FAKE_FORWARD_DROPS"] = "1";
        var lines = new ConcurrentQueue<string>();
        using var process = world.Start("flow", "connect", "--port", port.ToString());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool Printed(string text, int times = 1) => lines.Count(l => l.Contains(text)) >= times;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!Printed($"MLflow is at http://localhost:{port}", times: 2) && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.True(Printed("The port-forward dropped (error: lost connection to pod); reconnecting in 1 s"), string.Join('\n', lines));

        using (var http = new HttpClient())
            Assert.Equal("3.9.0", await http.GetStringAsync($"http://localhost:{port}/version"));
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not exit after the interrupt");
        process.WaitForExit();

        Assert.True(process.ExitCode == 130, string.Join('\n', lines));
        Assert.Contains("Stopped forwarding the tracking server.", lines);
        Assert.Equal(2, Forwards(world).Count());
        Assert.Contains("\"interrupted\": true", File.ReadAllText(world.LogPath));
    }

    [Fact]
    public void Connect_gives_up_with_kubectls_reason_when_the_forward_never_comes_up()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_FORWARD_FAILS"] = "1";
        var port = AllowAnotherPort(world);

        var result = world.Mx("flow", "connect", "--port", port.ToString());

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("kubectl could not forward port", result.Output);
        Assert.Contains("services \"mlflow\" not found", result.Output);
        Assert.Equal(3, Forwards(world).Count());
    }
}
