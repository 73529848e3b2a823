using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// The ssh host of a workspace, as 'mx workspace create' writes it into the mx-managed file <c>~/.ssh/mx/config</c>;
/// ssh, rsync and VS Code reach the workspace by its alias alone.
/// </summary>
internal static class WorkspaceSshHost
{
    /// <summary>The alias, once checked to have its <c>Host</c> block in the mx-managed file of the user's home.</summary>
    public static string Required(InfraProject project, string workspace, Func<string, string?> environment)
    {
        var alias = SshConfigFile.HostAlias(project.ProjectName, WorkspaceName.Checked(workspace));
        var home = environment("HOME") is { Length: > 0 } set ? set : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var ssh = new SshConfigFile(Path.Combine(home, ".ssh"));
        if (!ssh.Hosts().Contains(alias, StringComparer.Ordinal))
            throw new MxException(
                $"This machine has no ssh entry for workspace '{workspace}' (no 'Host {alias}' in {ssh.MxConfigPath}). Run 'mx workspace create {workspace}', " +
                "which writes the entry once the workspace is ready, and then this command again.");
        return alias;
    }
}
