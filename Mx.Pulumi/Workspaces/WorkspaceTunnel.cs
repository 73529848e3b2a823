using System.Globalization;
using System.Text.RegularExpressions;
using Mx.Generators;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Monitoring;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// A <c>kubectl port-forward</c> from a port kubectl chooses on 127.0.0.1 to a port of the workspace pod: the
/// connection goes through the API server (authenticated as the caller's gcloud account, authorised by RBAC's
/// <c>pods/portforward</c>) to the kubelet, so nothing of the workspace listens on any network. Disposing it stops
/// kubectl.
/// </summary>
public sealed partial class WorkspaceTunnel : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop;
    private readonly Task<ToolResult> _kubectl;

    private WorkspaceTunnel(int port, CancellationTokenSource stop, Task<ToolResult> kubectl) => (Port, _stop, _kubectl) = (port, stop, kubectl);

    /// <summary>The port on 127.0.0.1 that reaches the pod's port.</summary>
    public int Port { get; }

    /// <summary>Whether kubectl has exited, which ends every connection through it.</summary>
    public bool HasEnded => _kubectl.IsCompleted;

    /// <summary>Why kubectl ended (its last line of error), once it has.</summary>
    public string? EndReason => _kubectl.IsCompleted ? Reason(_kubectl.Result) : null;

    /// <summary>Waits up to <paramref name="limit"/> for kubectl to end; whether it did.</summary>
    public bool WaitForEnd(TimeSpan limit) => _kubectl.Wait(limit);

    /// <summary>
    /// Starts kubectl and waits until it says which port it listens on (its "Forwarding from 127.0.0.1:PORT -> REMOTE"
    /// line); fails with kubectl's own reason when it ends or stays silent first.
    /// </summary>
    internal static WorkspaceTunnel Open(ToolRunner runner, WorkspacePod pod, int remotePort)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.PortForwardAnyLocalPort(pod.Context, pod.Namespace, pod.Target, remotePort),
            $"forwarding to port {remotePort} of workspace {pod.Workspace}");
        return Open(runner, invocation, pod, remotePort, expectedPort: null);
    }

    /// <summary>As <see cref="Open(ToolRunner, WorkspacePod, int)"/>, from the fixed local port <paramref name="localPort"/>.</summary>
    internal static WorkspaceTunnel Open(ToolRunner runner, WorkspacePod pod, int localPort, int remotePort)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.PortForwardLoopback(pod.Context, pod.Namespace, pod.Target, localPort, remotePort),
            $"forwarding port {localPort} to port {remotePort} of workspace {pod.Workspace}");
        return Open(runner, invocation, pod, remotePort, localPort);
    }

    private static WorkspaceTunnel Open(ToolRunner runner, ToolInvocation invocation, WorkspacePod pod, int remotePort, int? expectedPort)
    {
        var stop = new CancellationTokenSource();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var kubectl = runner.RunAsync(invocation, line =>
        {
            if (ListeningPort(line, remotePort) is { } port) listening.TrySetResult(port);
        }, stop.Token);
        var first = Task.WhenAny(listening.Task, kubectl, Task.Delay(StartLimit)).GetAwaiter().GetResult();
        if (first == listening.Task) return new WorkspaceTunnel(expectedPort ?? listening.Task.Result, stop, kubectl);
        stop.Cancel();
        var result = kubectl.GetAwaiter().GetResult();
        stop.Dispose();
        var reason = first == kubectl ? Reason(result) : $"kubectl port-forward said nothing within {StartLimit.TotalSeconds:0} s";
        throw new MxException(
            $"kubectl could not forward to port {remotePort} of workspace {pod.Workspace} (pod {pod.PodName} in {pod.Namespace}): {reason}. " +
            $"Check that it runs ('mx workspace list') and that your account may port-forward there: kubectl --context {pod.Context} " +
            $"--namespace {pod.Namespace} auth can-i create pods/portforward", ExitCode.Failed);
    }

    /// <summary>The local port of kubectl's line "Forwarding from 127.0.0.1:PORT -> REMOTE", else null.</summary>
    public static int? ListeningPort(string line, int remotePort)
    {
        var match = ForwardingLine().Match(line.Trim());
        return match.Success && match.Groups[2].Value == remotePort.ToString(CultureInfo.InvariantCulture)
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
    }

    private static string Reason(ToolResult result) =>
        ServiceForward.LastLine(result.StandardError) ?? $"kubectl port-forward exited with code {result.ExitCode}";

    public void Dispose()
    {
        _stop.Cancel();
        _kubectl.GetAwaiter().GetResult();
        _stop.Dispose();
    }

    [GeneratedRegex("^Forwarding from 127\\.0\\.0\\.1:([0-9]{1,5}) -> ([0-9]{1,5})\\z")]
    private static partial Regex ForwardingLine();
}
