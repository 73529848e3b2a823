using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace proxy</c>, ssh's ProxyCommand: relays ssh's standard input and output to the workspace's sshd
/// through a <see cref="WorkspaceTunnel"/>. Standard output carries sshd's bytes and nothing else; everything mx has to
/// say goes to standard error, which ssh shows.
/// </summary>
/// <remarks>
/// Until sshd has sent its first byte (its version line) nothing of the ssh session exists yet, so a tunnel that
/// closes before then (kubectl ended, the pod's sshd not listening yet, the API server dropping the stream) is retried
/// with backoff for <see cref="RetryWindow"/>: a new connection, a new kubectl when the old one ended, and what ssh
/// already wrote sent again. Once sshd has spoken, the session's encryption state lives in ssh and sshd, and no
/// second connection can continue it: a tunnel that breaks then ends the proxy, ssh ends the session ("Connection
/// closed"), and running ssh again (VS Code Remote SSH does so by itself) starts a new one. ssh's
/// ServerAliveInterval keeps the otherwise idle stream busy, so idle timeouts along the way never fire.
/// </remarks>
public sealed class WorkspaceProxy
{
    /// <summary>How long a tunnel that closes before sshd answers is tried again.</summary>
    public static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(4);

    private readonly Func<WorkspacePod> _find;
    private readonly ToolRunner _runner;
    private readonly Action<string> _say;
    private readonly object _gate = new();
    private readonly List<byte[]> _unanswered = [];
    private Socket? _current;
    private bool _sshdSpoke;
    private bool _inputEnded;
    private volatile bool _stopping;

    private WorkspaceProxy(Func<WorkspacePod> find, ToolRunner runner, Action<string> say) => (_find, _runner, _say) = (find, runner, say);

    /// <summary>Relays until either side closes; returns the exit code (0 when sshd or ssh ended the session).</summary>
    public static int Run(InfraProject project, string workspace, Stream input, Stream output, Action<string> say)
    {
        var runner = ToolRunner.Default;
        return new WorkspaceProxy(() => WorkspacePod.Find(project, workspace, runner), runner, say).Relay(input, output);
    }

    private int Relay(Stream input, Stream output)
    {
        // ssh ends its ProxyCommand with SIGHUP as it exits; dying of it would leave kubectl forwarding for nobody.
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        // The first lookup's refusals (no such workspace, not yours, no cluster) are final: they reach the user at once.
        var pod = _find();
        var tunnel = OpenOrNull(pod, out var openFailure);
        var reader = new Thread(() => ReadInput(input)) { IsBackground = true, Name = "ssh stdin" };
        reader.Start();
        var clock = Stopwatch.StartNew();
        var backoff = FirstBackoff;
        try
        {
            while (true)
            {
                if (_stopping) return 0;
                string reason;
                if (tunnel is null) reason = openFailure!;
                else
                {
                    var ended = Connection(tunnel, output);
                    if (_stopping) return 0;
                    if (_sshdSpoke || ended == Ending.OutputClosed) return Finish(tunnel, pod, ended);
                    reason = tunnel.WaitForEnd(TimeSpan.FromSeconds(1))
                        ? $"kubectl port-forward ended: {tunnel.EndReason}"
                        : "the connection closed before sshd answered";
                    if (tunnel.HasEnded)
                    {
                        tunnel.Dispose();
                        tunnel = null;
                    }
                }
                if (clock.Elapsed + backoff > RetryWindow)
                {
                    _say($"mx: gave up reaching the sshd of workspace {pod.Workspace} after {RetryWindow.TotalSeconds:0} s ({reason}). " +
                         $"Check that it is running with 'mx workspace list', then connect again.");
                    return (int)ExitCode.Failed;
                }
                _say(string.Create(CultureInfo.InvariantCulture, $"mx: {reason}; trying workspace {pod.Workspace} again in {backoff.TotalSeconds:0.##} s"));
                Thread.Sleep(backoff);
                if (_stopping) return 0;
                backoff = backoff * 2 > LongestBackoff ? LongestBackoff : backoff * 2;
                if (tunnel is null)
                {
                    // The pod may have been replaced (a restarted workspace): look it up again before a new kubectl.
                    try { pod = _find(); }
                    catch (MxException e)
                    {
                        _say($"mx: {e.Message}");
                        return (int)e.ExitCode;
                    }
                    tunnel = OpenOrNull(pod, out openFailure);
                }
            }
        }
        finally
        {
            tunnel?.Dispose();
        }
    }

    /// <summary>Ends the relay: the connection loop returns, and disposing the tunnel stops kubectl.</summary>
    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _stopping = true;
        lock (_gate)
            if (_current is { } socket)
            {
                try { socket.Shutdown(SocketShutdown.Both); }
                catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
            }
    }

    private WorkspaceTunnel? OpenOrNull(WorkspacePod pod, out string? failure)
    {
        try
        {
            failure = null;
            return WorkspaceTunnel.Open(_runner, pod, WorkspacePod.SshPort);
        }
        catch (MxException e)
        {
            failure = e.Message;
            return null;
        }
    }

    private int Finish(WorkspaceTunnel tunnel, WorkspacePod pod, Ending ended)
    {
        if (ended != Ending.Broken) return 0;
        var why = tunnel.WaitForEnd(TimeSpan.FromMilliseconds(500)) ? $"kubectl port-forward ended: {tunnel.EndReason}" : "the connection broke";
        _say($"mx: the tunnel to workspace {pod.Workspace} closed during the session ({why}). The session cannot continue over a new " +
             $"tunnel; connect again (ssh reconnects with the same command, VS Code Remote SSH by itself).");
        return (int)ExitCode.Failed;
    }

    private enum Ending { SshdClosed, OutputClosed, Broken }

    /// <summary>One connection through the tunnel, relaying sshd's bytes to <paramref name="output"/> until it closes.</summary>
    private Ending Connection(WorkspaceTunnel tunnel, Stream output)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            try { socket.Connect(IPAddress.Loopback, tunnel.Port); }
            catch (SocketException) { return Ending.Broken; }
            lock (_gate)
            {
                _current = socket;
                foreach (var chunk in _unanswered) SendAll(socket, chunk);
                if (_inputEnded) ShutdownSend(socket);
            }
            var buffer = new byte[64 * 1024];
            while (true)
            {
                int read;
                try { read = socket.Receive(buffer); }
                catch (SocketException) { return Ending.Broken; }
                if (read == 0) return _sshdSpoke && !tunnel.WaitForEnd(TimeSpan.FromMilliseconds(100)) ? Ending.SshdClosed : Ending.Broken;
                if (!_sshdSpoke)
                    lock (_gate)
                    {
                        _sshdSpoke = true;
                        _unanswered.Clear();
                    }
                try
                {
                    output.Write(buffer, 0, read);
                    output.Flush();
                }
                catch (IOException)
                {
                    return Ending.OutputClosed;
                }
            }
        }
        finally
        {
            lock (_gate) _current = null;
            socket.Dispose();
        }
    }

    private void ReadInput(Stream input)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int read;
            try { read = input.Read(buffer, 0, buffer.Length); }
            catch (IOException) { read = 0; }
            Socket? socket;
            lock (_gate)
            {
                if (read == 0)
                {
                    _inputEnded = true;
                    if (_current is { } open) ShutdownSend(open);
                    return;
                }
                var chunk = buffer[..read];
                // Kept until sshd answers, to be sent again over a new connection; after that, never needed.
                if (!_sshdSpoke) _unanswered.Add(chunk);
                socket = _current;
                if (socket is not null && !_sshdSpoke)
                {
                    SendAll(socket, chunk);
                    continue;
                }
            }
            if (socket is not null) SendAll(socket, buffer.AsSpan(0, read));
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        try
        {
            while (bytes.Length > 0) bytes = bytes[socket.Send(bytes)..];
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection loop sees the same break on its side and decides what follows.
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try { socket.Shutdown(SocketShutdown.Send); }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }
}
