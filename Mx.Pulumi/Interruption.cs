using System.Runtime.InteropServices;

namespace Mx.Pulumi;

/// <summary>
/// Catches Ctrl+C (SIGINT) while mx waits for a tool, so the tool can stop cleanly instead of being killed
/// with mx. The first interrupt asks the tool to stop (SIGINT, through CliWrap's graceful cancellation); a
/// second one kills it.
/// </summary>
/// <remarks>
/// When mx runs in the foreground of a terminal, the terminal already delivers Ctrl+C to every process of the
/// foreground group, pulumi included; forwarding it as well would reach pulumi as a second interrupt, which
/// makes pulumi stop at once and leave a stale lock. So mx forwards only when pulumi would not get the signal
/// otherwise: no terminal, or mx running in the background (a CI runner or a supervisor signalling mx alone).
/// </remarks>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _forceful = new();
    private readonly PosixSignalRegistration? _registration;
    private int _count;

    public Interruption()
    {
        if (!OperatingSystem.IsWindows())
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    /// <summary>Set once the user asked mx to stop.</summary>
    public bool Requested => Volatile.Read(ref _count) > 0;

    public CancellationToken Graceful => _graceful.Token;
    public CancellationToken Forceful => _forceful.Token;

    /// <summary>Called on the first interrupt, e.g. to tell the user that pulumi is finishing its current steps.</summary>
    public event Action? Received;

    private void OnSignal(PosixSignalContext context)
    {
        // Keep mx alive: it exits once the tool has stopped, with the interrupted exit code.
        context.Cancel = true;
        var count = Interlocked.Increment(ref _count);
        if (count == 1)
        {
            Received?.Invoke();
            if (ChildMissesTerminalSignal()) _graceful.Cancel();
        }
        else
        {
            _forceful.Cancel();
        }
    }

    private static bool ChildMissesTerminalSignal()
    {
        try
        {
            var foreground = tcgetpgrp(0);
            return foreground < 0 || foreground != getpgrp();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    [DllImport("libc")]
    private static extern int tcgetpgrp(int fd);

    [DllImport("libc")]
    private static extern int getpgrp();

    public void Dispose()
    {
        _registration?.Dispose();
        _graceful.Dispose();
        _forceful.Dispose();
    }
}
