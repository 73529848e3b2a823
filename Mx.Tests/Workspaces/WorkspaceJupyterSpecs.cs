using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Mx.Tests.Workspaces;

/// <summary>mx workspace jupyter against the fake kubectl, whose port-forward to 8888 serves a JupyterLab that checks its token.</summary>
public class WorkspaceJupyterSpecs
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Jupyter_forwards_jupyterlab_prints_its_url_with_the_secrets_token_and_stops_on_ctrl_c()
    {
        using var world = new WorkspaceConnectWorld();
        world.Run.Extra["MX_FAKE_JUPYTER_TOKEN"] = "3f9a1c0d7e";
        // No desktop, as over ssh or in CI: mx prints the URL and says why it opened no browser.
        world.Run.Extra["DISPLAY"] = "";
        world.Run.Extra["WAYLAND_DISPLAY"] = "";
        var port = FreePort();
        using var process = world.Run.Start("workspace", "jupyter", "ws1", "--port", port.ToString());
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!lines.Any(l => l.Contains("/lab?token=")) && !process.HasExited && DateTime.UtcNow < deadline) Thread.Sleep(100);

        var url = Regex.Match(string.Join('\n', lines), @"http://127\.0\.0\.1:[0-9]+/lab\?token=[0-9a-f]+").Value;
        Assert.Equal($"http://127.0.0.1:{port}/lab?token=3f9a1c0d7e", url);
        using (var http = new HttpClient())
        {
            Assert.Contains("JupyterLab", await http.GetStringAsync(url));
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"http://127.0.0.1:{port}/lab?token=wrong")).StatusCode);
        }
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not exit after the interrupt");
        process.WaitForExit();
        Assert.True(process.ExitCode == 130, string.Join('\n', lines));
        Assert.Contains("Stopped forwarding JupyterLab.", lines);
        Assert.Contains(lines, l => l.StartsWith("No display here, so no browser was opened", StringComparison.Ordinal));
        Assert.Contains(world.Run.Calls(), c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "get", "secret", "ws-ws1-jupyter", "--output", "json"]));
        Assert.Contains(world.Run.Calls(), c => c.Argv.SequenceEqual(
            ["--context", "mx-acme-vision-dev", "--namespace", "training", "port-forward", "--address", "127.0.0.1", "pod/ws-ws1-0", $"{port}:8888"]));
    }
}
