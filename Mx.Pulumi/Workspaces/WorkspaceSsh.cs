using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace ssh</c>: runs <c>ssh mx-PROJECT-NAME</c> on this terminal, once the entry exists and the workspace is
/// found to be the caller's and running, so those problems get mx's message rather than ssh's "Connection closed".
/// </summary>
public static class WorkspaceSsh
{
    /// <summary>ssh's exit code (255 for ssh's own failures, else the remote command's).</summary>
    public static int Run(InfraProject project, string workspace, IReadOnlyList<string> sshArguments)
    {
        var runner = ToolRunner.Default;
        var alias = WorkspaceSshHost.Required(project, workspace, runner.Environment);
        runner.Locate(Tool.Ssh);
        WorkspacePod.Find(project, workspace, runner);
        // Options after the destination are still ssh's options; the first other word starts the remote command.
        return runner.RunAttached(new ToolInvocation(Tool.Ssh, [alias, .. sshArguments], $"connecting to workspace {workspace}"));
    }

    /// <summary>Opens <paramref name="url"/> in the desktop's browser when there is a desktop; says why not otherwise.</summary>
    public static void OpenInBrowser(string url, Action<string> say)
    {
        var runner = ToolRunner.Default;
        var desktop = OperatingSystem.IsMacOS() || OperatingSystem.IsWindows()
            || runner.Environment("DISPLAY") is { Length: > 0 } || runner.Environment("WAYLAND_DISPLAY") is { Length: > 0 };
        if (!desktop)
        {
            say("No display here, so no browser was opened; open the URL above in yours (from another machine, forward the port first).");
            return;
        }
        if (runner.Find(Tool.Browser) is null)
        {
            say($"{Tool.Browser.Command} is not installed, so no browser was opened; open the URL above yourself.");
            return;
        }
        var opened = runner.Run(new ToolInvocation(Tool.Browser, [url], "opening the browser"));
        if (!opened.Succeeded) say($"{Tool.Browser.Command} could not open a browser ({opened.StandardError.Trim()}); open the URL above yourself.");
    }
}
