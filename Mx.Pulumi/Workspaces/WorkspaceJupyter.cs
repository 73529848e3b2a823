using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace jupyter</c>: forwards a port of 127.0.0.1 to the workspace's JupyterLab (8888) until Ctrl+C and
/// gives its URL with the token read from the Secret <c>ws-NAME-jupyter</c>, so the token never has to be copied from
/// the pod's log.
/// </summary>
public static class WorkspaceJupyter
{
    public const int DefaultPort = 8888;

    /// <summary>Forwards until the user interrupts; <paramref name="open"/> is told the URL once the forward listens.</summary>
    public static void Forward(InfraProject project, string workspace, int port, Action<string> say, Action<string> open, Interruption interruption)
    {
        if (port is < 1 or > 65535) throw new MxException($"--port {port} is not a TCP port; choose 1-65535 (default {DefaultPort}).");
        if (!LoopbackPorts.IsFree(port))
            throw new MxException($"Port {port} on this machine is in use (perhaps by another 'mx workspace jupyter' or a local JupyterLab). " +
                                  "Stop that, or choose another with --port.");
        var runner = ToolRunner.Default;
        var pod = WorkspacePod.Find(project, workspace, runner);
        var token = Token(runner, pod);
        using var tunnel = WorkspaceTunnel.Open(runner, pod, port, WorkspacePod.JupyterPort);
        var url = $"http://127.0.0.1:{tunnel.Port}/lab?token={Uri.EscapeDataString(token)}";
        say($"JupyterLab of workspace {workspace} is at {url} (Ctrl+C stops the forward; the workspace keeps running).");
        open(url);
        while (!interruption.Requested && !tunnel.HasEnded) interruption.Graceful.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500));
        if (interruption.Requested) return;
        throw new MxException(
            $"The forward to JupyterLab of workspace {workspace} ended: {tunnel.EndReason}. Check that the workspace runs ('mx workspace list') " +
            "and run the command again.", ExitCode.Failed);
    }

    /// <summary>The token of the Secret <c>ws-NAME-jupyter</c> (key <c>token</c>), decoded.</summary>
    internal static string Token(ToolRunner runner, WorkspacePod pod)
    {
        var secret = runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.GetJson(pod.Context, pod.Namespace, "secret", pod.JupyterSecret),
            $"reading the JupyterLab token of workspace {pod.Workspace}")
        {
            Remedy = $"The Secret {pod.JupyterSecret} is made with the workspace; if it is missing, create the workspace again with 'mx workspace create {pod.Workspace}'.",
        }).StandardOutput;
        string? encoded;
        try { encoded = JsonNode.Parse(secret)?["data"]?["token"]?.GetValue<string>(); }
        catch (JsonException) { encoded = null; }
        try
        {
            if (encoded is not null && Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Trim() is { Length: > 0 } token) return token;
        }
        catch (FormatException)
        {
            // Reported below with the missing key.
        }
        throw new MxException(
            $"The Secret {pod.JupyterSecret} in {pod.Namespace} holds no JupyterLab token under the key 'token'. Create the workspace again with " +
            $"'mx workspace create {pod.Workspace}', which writes it.", ExitCode.Failed);
    }
}
