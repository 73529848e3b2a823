using System.Net;
using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Tracking;

/// <summary>
/// The project's MLflow tracking server (the training-infra deployment). It is a ClusterIP service, never
/// exposed, so this machine reaches it only through <c>kubectl port-forward</c>: <see cref="Connect"/> keeps
/// such a forward up until Ctrl+C, <see cref="Status"/> asks the server for its version.
/// </summary>
public sealed class TrackingServer
{
    public const int DefaultPort = 5000;
    private const string Namespace = "mlflow";
    private const string Service = "service/mlflow";
    private const int ServicePort = 5000;
    private const string Deployment = "infra/k8s/training-infra/mlflow-deployment.yaml";
    private const int AttemptsBeforeGivingUp = 3;
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(10);

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;

    private TrackingServer(InfraProject project, ToolRunner runner) => (_project, _runner) = (project, runner);

    public static TrackingServer For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default);

    public static string Url(int port) => $"http://localhost:{port}";

    private string Context => ClusterConnection.ContextName(_project);

    /// <summary>
    /// Forwards <paramref name="port"/> to the server until the user interrupts, starting the forward again
    /// (after a growing pause) whenever it drops; gives up when it cannot be set up at all.
    /// </summary>
    public void Connect(int port, Action<string> say, Interruption interruption)
    {
        CheckPort(port);
        if (!LoopbackPorts.IsFree(port))
            throw new MxException($"Port {port} on this machine is in use (perhaps by another 'mx flow connect'). " +
                                  "Stop that, or choose a port the server accepts with --port.");
        var pause = TimeSpan.FromSeconds(1);
        var failures = 0;
        while (true)
        {
            var ready = false;
            var started = DateTime.UtcNow;
            var result = _runner.RunAsync(Forward(port), line =>
            {
                if (ready || !line.StartsWith("Forwarding from", StringComparison.Ordinal)) return;
                ready = true;
                say($"MLflow is at {Url(port)} (Ctrl+C stops the forward)");
            }, interruption).GetAwaiter().GetResult();
            // The terminal's Ctrl+C may end kubectl a moment before mx's own handler has run.
            if (result.Interrupted || WaitForInterrupt(interruption, TimeSpan.FromMilliseconds(300))) return;
            var reason = LastLine(result.StandardError) ?? $"kubectl exited with code {result.ExitCode}";
            failures = ready ? 0 : failures + 1;
            if (failures >= AttemptsBeforeGivingUp)
                throw new MxException(
                    $"kubectl could not forward port {port} to the MLflow service ({reason}). Check that 'mx connect' was run, that the " +
                    $"cluster is up ('mx up') and that the tracking server runs: kubectl --context {Context} --namespace {Namespace} get pods.",
                    ExitCode.Failed);
            pause = ready && DateTime.UtcNow - started > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(1) : pause;
            say($"The port-forward dropped ({reason}); reconnecting in {pause.TotalSeconds:0} s");
            if (WaitForInterrupt(interruption, pause)) return;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>
    /// The server's MLflow version, asked through the forward listening on <paramref name="port"/>, or through a
    /// forward opened for the question when none is.
    /// </summary>
    public TrackingStatus Status(int port)
    {
        using var forward = Reach(port);
        return new TrackingStatus(Version(port, forward.Temporary), forward.Temporary);
    }

    /// <summary>
    /// Makes the server reachable on <paramref name="port"/> while the returned handle lives: through the forward
    /// already listening there, or through one opened now and closed when the handle is disposed.
    /// </summary>
    public TrackingForward Reach(int port)
    {
        CheckPort(port);
        if (!LoopbackPorts.IsFree(port)) return new TrackingForward(null, null);
        var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var forward = _runner.RunAsync(Forward(port), line =>
        {
            if (line.StartsWith("Forwarding from", StringComparison.Ordinal)) ready.TrySetResult();
        }, stop.Token);
        var handle = new TrackingForward(stop, forward);
        var first = Task.WhenAny(ready.Task, forward, Task.Delay(TimeSpan.FromSeconds(30))).GetAwaiter().GetResult();
        if (first == ready.Task) return handle;
        handle.Dispose();
        throw Unreachable(port, forward.IsCompleted ? LastLine(forward.Result.StandardError) ?? "kubectl port-forward ended" : "kubectl port-forward did not start within 30 s");
    }

    private string Version(int port, bool temporary)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = http.GetAsync($"{Url(port)}/version").GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult().Trim();
            if (response.StatusCode == HttpStatusCode.Forbidden)
                throw Unreachable(port, $"the server refused the host localhost:{port} (403); add it to --allowed-hosts in {Deployment}");
            if (!response.IsSuccessStatusCode)
                throw Unreachable(port, $"GET /version answered {(int)response.StatusCode}");
            return body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw Unreachable(port, (temporary ? "" : $"something listens on port {port} but ") + e.Message.TrimEnd('.'));
        }
    }

    private MxException Unreachable(int port, string reason) => new(
        $"The MLflow tracking server did not answer at {Url(port)}: {reason}. Check that the tracking server runs " +
        $"(kubectl --context {Context} --namespace {Namespace} get pods); 'mx deploy training-infra' deploys it.", ExitCode.Failed);

    private ToolInvocation Forward(int port) =>
        new(Tool.Kubectl, KubectlArguments.PortForward(Context, Namespace, Service, port, ServicePort),
            $"forwarding port {port} to the MLflow service")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        };

    // MLflow 3 answers only requests whose Host is in its --allowed-hosts, so a forward on another port is useless.
    private void CheckPort(int port)
    {
        if (port is < 1 or > 65535) throw new MxException($"--port {port} is not a TCP port; choose 1-65535 (the server accepts {DefaultPort}).");
        var path = Path.Combine(_project.Root, Deployment);
        if (!File.Exists(path))
            throw new MxException($"{Deployment} is missing, so this project has no tracking server. Restore it with 'mx generate MLProjectSkeleton'.");
        var allowed = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("- --allowed-hosts=", StringComparison.Ordinal));
        var hosts = allowed?["- --allowed-hosts=".Length..].Split(',') ?? [];
        if (hosts.Length > 0 && !hosts.Contains($"localhost:{port}"))
            throw new MxException(
                $"The tracking server accepts requests for {string.Join(", ", hosts.Where(h => h.StartsWith("localhost:", StringComparison.Ordinal)))} only " +
                $"(--allowed-hosts in {Deployment}), so a forward on port {port} would be refused. Use --port {DefaultPort}, or add localhost:{port} there and deploy it ('mx up').");
    }


    private static bool WaitForInterrupt(Interruption interruption, TimeSpan time)
    {
        var until = DateTime.UtcNow + time;
        while (!interruption.Requested && DateTime.UtcNow < until) Thread.Sleep(50);
        return interruption.Requested;
    }

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
