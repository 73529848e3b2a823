using System.Diagnostics;
using System.Text;

namespace Mx.Tests.Workspaces;

/// <summary>
/// The ssh tunnel end to end on this machine: the real ssh, with the workspace's ssh entry, runs the built mx as its
/// ProxyCommand, which finds the pod through a fake kubectl and relays to a real sshd through the fake's
/// port-forward, as through the Kubernetes API.
/// </summary>
public class WorkspaceTunnelSpecs
{
    [Fact]
    public void Ssh_through_the_proxy_runs_a_command_in_the_workspace_home_as_the_key_owner()
    {
        using var world = new WorkspaceConnectWorld();

        var result = world.Ssh("", WorkspaceConnectWorld.Alias, "echo hello-from-the-workspace; pwd");

        Assert.True(result.ExitCode == 0, result.All + string.Join('\n', world.Sshd.Log));
        Assert.Equal(["hello-from-the-workspace", world.Sshd.Home], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var calls = world.Run.Calls();
        Assert.Contains(calls, c => c.Tool == "gcloud" && c.Argv.SequenceEqual(["config", "get-value", "account", "--quiet"]));
        Assert.Contains(calls, c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "get", "pods", "--selector", "mx.dev/workspace=ws1", "--output", "json"]));
        Assert.Contains(calls, c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "port-forward", "--address", "127.0.0.1", "pod/ws-ws1-0", ":2222"]));
        AssertForwardsStopped(world);
    }

    /// <summary>ssh ends its ProxyCommand with SIGHUP; the proxy must stop its kubectl rather than leave it forwarding.</summary>
    private static void AssertForwardsStopped(WorkspaceConnectWorld world)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (world.ForwardPids().Any(pid => Directory.Exists($"/proc/{pid}")) && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.DoesNotContain(world.ForwardPids(), pid => Directory.Exists($"/proc/{pid}"));
        Assert.Equal(world.ForwardPids().Count, File.ReadAllLines(world.Run.LogPath).Count(l => l.Contains("\"interrupted\": true")));
    }

    [Fact]
    public void The_proxys_standard_output_is_sshds_byte_stream_from_its_first_byte_and_it_ends_when_sshd_closes()
    {
        using var world = new WorkspaceConnectWorld();

        // A client's version line, then end of input: sshd answers with its own and its key exchange, then closes.
        var result = world.Run.MxWithInput("SSH-2.0-mx_tests\r\n", "workspace", "proxy", "ws1", "--project", world.Project);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.StartsWith("SSH-2.0-OpenSSH_", result.Output);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Megabytes_pass_both_ways_unchanged_as_over_the_session_vs_code_remote_ssh_opens()
    {
        using var world = new WorkspaceConnectWorld();
        // VS Code Remote SSH runs 'ssh -T HOST bash' and writes its script to ssh's standard input.
        var payload = new StringBuilder();
        for (var i = 0; i < 40_000; i++) payload.Append(i).Append(' ').Append(new string('x', 40)).Append('\n');
        var script = $"cat > received.txt <<'EOF'\n{payload}EOF\nwc -l < received.txt\nmd5sum received.txt | cut -d' ' -f1\ncat received.txt\nexit\n";

        var result = world.Ssh(script, "-T", WorkspaceConnectWorld.Alias, "bash");

        Assert.True(result.ExitCode == 0, result.Error + string.Join('\n', world.Sshd.Log));
        var lines = result.Output.Split('\n');
        Assert.Equal("40000", lines[0].Trim());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes(payload.ToString()))), lines[1]);
        Assert.Equal(payload.ToString(), string.Join('\n', lines[2..]));
        // ssh's note that it learnt the host key (StrictHostKeyChecking accept-new) is all it says; mx says nothing.
        Assert.All(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("Warning: Permanently added 'mx-acme-vision-ws1'", line));
    }

    [Fact]
    public void Forwards_that_end_before_sshd_answers_are_retried_with_backoff_and_the_session_starts()
    {
        using var world = new WorkspaceConnectWorld();
        world.Run.Extra["MX_FAKE_FORWARD_DROPS"] = "2";

        var result = world.Ssh("", WorkspaceConnectWorld.Alias, "echo through");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("through\n", result.Output);
        Assert.Contains("mx: kubectl port-forward ended: error: lost connection to pod; trying workspace ws1 again in 0.25 s", result.Error);
        Assert.Contains("trying workspace ws1 again in 0.5 s", result.Error);
        Assert.Equal(3, world.ForwardPids().Count);
        AssertGone(world.ForwardPids()[2]);
        Assert.Equal(3, world.Run.Calls().Count(c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "get", "pods", "--selector", "mx.dev/workspace=ws1", "--output", "json"])));
    }

    [Fact]
    public async Task A_forward_killed_mid_session_ends_that_session_with_a_message_and_ssh_connects_again()
    {
        using var world = new WorkspaceConnectWorld();
        using var session = world.StartSsh(WorkspaceConnectWorld.Alias, "echo started; sleep 60; echo never");
        var error = session.StandardError.ReadToEndAsync();
        Assert.Equal("started", await session.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        using (var kill = Process.Start("kill", ["-KILL", world.ForwardPids().Single().ToString()])) kill.WaitForExit();

        Assert.True(session.WaitForExit(TimeSpan.FromSeconds(20)), "ssh did not end when its tunnel broke");
        Assert.Equal(255, session.ExitCode);
        var said = await error;
        Assert.Contains("mx: the tunnel to workspace ws1 closed during the session", said);
        Assert.Contains("connect again", said);
        Assert.Equal("", await session.StandardOutput.ReadToEndAsync());

        var again = world.Ssh("", WorkspaceConnectWorld.Alias, "echo back");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal("back\n", again.Output);
        Assert.Equal(2, world.ForwardPids().Count);
        AssertGone(world.ForwardPids()[1]);
    }

    private static void AssertGone(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Directory.Exists($"/proc/{pid}") && DateTime.UtcNow < deadline) Thread.Sleep(100);
        Assert.False(Directory.Exists($"/proc/{pid}"), $"kubectl port-forward {pid} outlived its ssh session");
    }

    [Fact]
    public void Mx_workspace_ssh_runs_ssh_with_the_entry_and_passes_the_command_on()
    {
        using var world = new WorkspaceConnectWorld();

        var result = world.Mx("workspace", "ssh", "ws1", "--", "echo", "via-mx");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("via-mx\n", result.Output);
    }
}
