namespace Mx.Pulumi.Tracking;

/// <summary>
/// A port-forward to the tracking server held open for one command; disposing it stops the forward if this
/// command opened it, and leaves alone one that was already running.
/// </summary>
public sealed class TrackingForward : IDisposable
{
    private readonly CancellationTokenSource? _stop;
    private readonly Task<ToolResult>? _forward;

    internal TrackingForward(CancellationTokenSource? stop, Task<ToolResult>? forward) => (_stop, _forward) = (stop, forward);

    /// <summary>True when this command opened the forward (none was listening).</summary>
    public bool Temporary => _forward is not null;

    public void Dispose()
    {
        if (_stop is null || _forward is null) return;
        _stop.Cancel();
        _forward.GetAwaiter().GetResult();
        _stop.Dispose();
    }
}
