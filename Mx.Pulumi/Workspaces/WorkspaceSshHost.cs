using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// The ssh host alias of a workspace, <c>mx-PROJECT-NAME</c>, as 'mx workspace create' writes it into the mx-managed
/// file <c>~/.ssh/mx/config</c>; ssh, rsync and VS Code reach the workspace by that alias alone.
/// </summary>
internal static class WorkspaceSshHost
{
    public static string Alias(InfraProject project, string workspace) => $"mx-{project.ProjectName}-{workspace}";

    /// <summary>The mx-managed ssh configuration, included from <c>~/.ssh/config</c>.</summary>
    public static string ConfigPath(Func<string, string?> environment) =>
        Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "mx", "config");

    /// <summary>The alias, once checked to have its <c>Host</c> block in the mx-managed file.</summary>
    public static string Required(InfraProject project, string workspace, Func<string, string?> environment)
    {
        var alias = Alias(project, WorkspaceName.Checked(workspace));
        var config = ConfigPath(environment);
        if (!File.Exists(config) || !File.ReadLines(config).Any(line => IsHostLine(line, alias)))
            throw new MxException(
                $"This machine has no ssh entry for workspace '{workspace}' (no 'Host {alias}' in {config}). Run 'mx workspace create {workspace}', " +
                "which writes the entry once the workspace is ready, and then this command again.");
        return alias;
    }

    private static bool IsHostLine(string line, string alias)
    {
        var words = line.Trim().Split([' ', '\t', '='], StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[0].Equals("Host", StringComparison.OrdinalIgnoreCase) && words.Skip(1).Contains(alias, StringComparer.Ordinal);
    }
}
