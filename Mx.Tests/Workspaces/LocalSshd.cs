using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mx.Tests.Support;

namespace Mx.Tests.Workspaces;

/// <summary>
/// A real OpenSSH sshd (Debian's openssh-server) standing in for a workspace pod's: run as the current user on a free
/// port of 127.0.0.1, with a throwaway host key, public-key authentication only (the key in <see cref="UserKey"/>) and
/// every session started in <see cref="Home"/>, which plays /home/mx.
/// </summary>
public sealed class LocalSshd : IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private readonly TempDirectory _dir = new();
    private readonly Process _process;

    public LocalSshd()
    {
        Assert.True(File.Exists(Sshd), $"{Sshd} is missing: the workspace tunnel tests need Debian's openssh-server (test.sh installs it).");
        Home = _dir.Combine("home");
        Directory.CreateDirectory(Home);
        KeyGen(_dir.Combine("host_key"));
        UserKey = _dir.Combine("user_key");
        KeyGen(UserKey);
        File.Copy(UserKey + ".pub", _dir.Combine("authorized_keys"));
        Port = FreePort();
        // sshd running as root separates privileges into this directory, which Debian creates only when sshd is a service.
        if (Environment.UserName == "root") Directory.CreateDirectory("/run/sshd");
        var config = _dir.Combine("sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {_dir.Combine("host_key")}
            AuthorizedKeysFile {_dir.Combine("authorized_keys")}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            PidFile none
            LogLevel ERROR
            ForceCommand cd '{Home}' && eval "${"{"}SSH_ORIGINAL_COMMAND:-true{"}"}"

            """);
        var start = new ProcessStartInfo(Sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, UseShellExecute = false };
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (Log) Log.Add(e.Data); };
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Listening(Port))
        {
            Assert.False(_process.HasExited, $"sshd exited: {string.Join('\n', Log)}");
            Assert.True(DateTime.UtcNow < deadline, "sshd did not listen within 20 s");
            Thread.Sleep(50);
        }
    }

    public int Port { get; }

    /// <summary>The directory sessions start in: the workspace's home, /home/mx.</summary>
    public string Home { get; }

    /// <summary>The private key whose public half sshd accepts (the workspace's authorized_keys).</summary>
    public string UserKey { get; }

    public List<string> Log { get; } = [];

    private static void KeyGen(string path)
    {
        using var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "mx-tests", "-f", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        keygen.WaitForExit();
        Assert.True(keygen.ExitCode == 0, keygen.StandardError.ReadToEnd());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _dir.Dispose();
    }
}
