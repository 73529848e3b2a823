using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Monitoring;

/// <summary>
/// A <c>kubectl port-forward</c> to a ClusterIP service held open for one command: the services of
/// infra/k8s/gpu-monitoring are never exposed, so this machine reaches them only so. Disposing it stops the forward.
/// </summary>
public sealed class ServiceForward : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task<ToolResult> _forward;

    private ServiceForward(int port, CancellationTokenSource stop, Task<ToolResult> forward) => (Port, _stop, _forward) = (port, stop, forward);

    /// <summary>The local port the service answers on.</summary>
    public int Port { get; }

    /// <summary>Opens the forward and waits until kubectl says it listens; fails with kubectl's reason otherwise.</summary>
    internal static ServiceForward Open(ToolRunner runner, ToolInvocation forward, int port, Func<string, MxException> unreachable)
    {
        var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = runner.RunAsync(forward, line =>
        {
            if (line.StartsWith("Forwarding from", StringComparison.Ordinal)) ready.TrySetResult();
        }, stop.Token);
        var handle = new ServiceForward(port, stop, running);
        var first = Task.WhenAny(ready.Task, running, Task.Delay(TimeSpan.FromSeconds(30))).GetAwaiter().GetResult();
        if (first == ready.Task) return handle;
        handle.Dispose();
        throw unreachable(running.IsCompleted ? LastLine(running.Result.StandardError) ?? "kubectl port-forward ended" : "kubectl port-forward did not start within 30 s");
    }

    internal static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();

    public void Dispose()
    {
        _stop.Cancel();
        _forward.GetAwaiter().GetResult();
        _stop.Dispose();
    }
}
