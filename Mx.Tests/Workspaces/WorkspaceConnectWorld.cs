using System.Diagnostics;
using System.Text.Json.Nodes;
using Mx.Tests.Support;
using Mx.Tests.Training;

namespace Mx.Tests.Workspaces;

/// <summary>
/// The acme-vision project with a running workspace <c>ws1</c> of ada@acme.ai (fake gcloud and kubectl,
/// Fakes/fake_workspace_connect_tool.py), a real sshd standing in for its pod, and a home directory holding the ssh entry of
/// the workspace contract in <c>~/.ssh/mx/config</c>, whose ProxyCommand is the built mx. Real ssh and rsync are on the
/// PATH; ssh reads that entry.
/// </summary>
public sealed class WorkspaceConnectWorld : IDisposable
{
    public const string Workspace = "ws1";
    public const string Alias = "mx-acme-vision-ws1";
    public const string Owner = "ada@acme.ai";

    private readonly TempDirectory _home = new();

    public WorkspaceConnectWorld(bool withEntry = true)
    {
        Sshd = new LocalSshd();
        Run = new RunWorld(withDocker: false, fakes: "fake_workspace_connect_tool.py");
        Run.Extra["HOME"] = _home.Path;
        Run.Extra["SHELL"] = "/bin/sh";
        Run.Extra["MX_FAKE_SSHD_PORT"] = Sshd.Port.ToString();
        Workspaces(new JsonObject { [Workspace] = new JsonObject { ["owner"] = Owner } });
        Script("mx", $"exec {MxProcess.CommandLine} \"$@\"");
        Script("ssh", $"exec /usr/bin/ssh -F '{ConfigPath}' -o BatchMode=yes \"$@\"");
        Script("rsync", "exec /usr/bin/rsync \"$@\"");
        Directory.CreateDirectory(Path.GetDirectoryName(ConfigPath)!);
        if (withEntry) File.WriteAllText(ConfigPath, Entry());
    }

    public LocalSshd Sshd { get; }

    public RunWorld Run { get; }

    public string Project => Run.Project;

    /// <summary>The project directory in the workspace: ~/acme-vision, that is /home/mx/acme-vision.</summary>
    public string RemoteProject => Path.Combine(Sshd.Home, "acme-vision");

    public string ConfigPath => Path.Combine(_home.Path, ".ssh", "mx", "config");

    /// <summary>
    /// The contract's Host block, but for the two things this machine differs in from a laptop: the user is the one
    /// sshd runs as here (the pod's is 'mx'), and known hosts are kept in this test's home (ssh expands '~' from
    /// the password database, not $HOME).
    /// </summary>
    public string Entry() => $"""
        Host {Alias}
          User {Environment.UserName}
          ProxyCommand "{Path.Combine(Run.Bin, "mx")}" workspace proxy {Workspace} --project "{Project}"
          IdentityFile {Sshd.UserKey}
          IdentitiesOnly yes
          ServerAliveInterval 30
          ServerAliveCountMax 6
          UserKnownHostsFile {Path.Combine(_home.Path, ".ssh", "mx", "known_hosts")}
          StrictHostKeyChecking accept-new

        """;

    public void Workspaces(JsonObject workspaces) => Run.Extra["MX_FAKE_WORKSPACES"] = workspaces.ToJsonString();

    public MxProcess.Result Mx(params string[] args) => Run.Mx(args);

    /// <summary>Starts the real ssh as a user (or VS Code Remote SSH) does, with the fakes' environment.</summary>
    public Process StartSsh(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Run.Bin, "ssh"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Project,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["PATH"] = Run.Bin;
        start.Environment["MX_FAKE_LOG"] = Run.LogPath;
        start.Environment["MX_FAKE_STATE"] = Run.FakeStatePath;
        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in Run.Extra) start.Environment[key] = value;
        return Process.Start(start)!;
    }

    /// <summary>Runs ssh to the end with <paramref name="input"/> on its standard input.</summary>
    public MxProcess.Result Ssh(string input, params string[] args)
    {
        using var process = StartSsh(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ssh {string.Join(' ', args)} did not finish within 2 minutes: {Sshd.Log.Count} sshd lines");
        }
        return new MxProcess.Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The port-forwards the fake kubectl started, by their pid files, oldest first.</summary>
    public IReadOnlyList<int> ForwardPids() =>
        Directory.GetFiles(Run.FakeStatePath, "forward-*.pid")
            .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f)["forward-".Length..]))
            .Select(f => int.Parse(File.ReadAllText(f))).ToArray();

    private void Script(string name, string body)
    {
        var path = Path.Combine(Run.Bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        Run.Dispose();
        Sshd.Dispose();
        _home.Dispose();
    }
}
