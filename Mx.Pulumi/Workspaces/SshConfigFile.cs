using System.Text;
using System.Text.RegularExpressions;
using Mx.Generators;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// The mx-managed ssh client configuration <c>~/.ssh/mx/config</c>: one <c>Host mx-&lt;project&gt;-&lt;name&gt;</c> block per
/// workspace, written and removed whole, and the one <c>Include ~/.ssh/mx/config</c> line in the user's
/// <c>~/.ssh/config</c> that makes ssh (and VS Code Remote SSH) read it. The user's file is never changed beyond that
/// line; a file mx cannot read as ssh_config is refused rather than rewritten.
/// </summary>
public sealed partial class SshConfigFile(string sshDirectory)
{
    public const string IncludeLine = "Include ~/.ssh/mx/config";

    public static SshConfigFile ForUser() => new(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh"));

    public string UserConfigPath => Path.Combine(sshDirectory, "config");
    public string MxConfigPath => Path.Combine(sshDirectory, "mx", "config");

    public static string HostAlias(string project, string workspace) => $"mx-{project}-{workspace}";

    /// <summary>The block of one workspace, exactly as the workspace contract has it.</summary>
    public static string Block(string project, string workspace, string mxCommand, string projectDirectory, string identityFile)
    {
        // ssh expands %-tokens in ProxyCommand and IdentityFile, so a literal % is written %%.
        static string Escaped(string value) => value.Replace("%", "%%", StringComparison.Ordinal);
        return $"""
            Host {HostAlias(project, workspace)}
              User mx
              ProxyCommand "{Escaped(mxCommand)}" workspace proxy {workspace} --project "{Escaped(projectDirectory)}"
              IdentityFile {Escaped(identityFile)}
              IdentitiesOnly yes
              ServerAliveInterval 30
              ServerAliveCountMax 6
              UserKnownHostsFile ~/.ssh/mx/known_hosts
              StrictHostKeyChecking accept-new

            """;
    }

    /// <summary>Writes <paramref name="block"/> as the only block of its host; returns whether the file changed.</summary>
    public bool Upsert(string block)
    {
        var host = block.Split('\n')[0].Trim();
        var blocks = ReadBlocks();
        var index = blocks.FindIndex(b => b.Header == host);
        var wanted = block.TrimEnd('\n') + "\n";
        if (index >= 0 && blocks[index].Text == wanted) return false;
        if (index >= 0) blocks[index] = (host, wanted);
        else blocks.Add((host, wanted));
        Write(blocks);
        return true;
    }

    /// <summary>Removes the block of <paramref name="hostAlias"/>; returns whether there was one.</summary>
    public bool Remove(string hostAlias)
    {
        var blocks = ReadBlocks();
        if (blocks.RemoveAll(b => b.Header == $"Host {hostAlias}") == 0) return false;
        Write(blocks);
        return true;
    }

    /// <summary>The host aliases of the blocks mx wrote.</summary>
    public IReadOnlyList<string> Hosts() => ReadBlocks().Where(b => b.Header.Length > 0).Select(b => b.Header["Host ".Length..]).ToArray();

    /// <summary>Whether the user's config already reads mx's file (at its top level, where an Include applies to every host).</summary>
    public bool HasInclude()
    {
        if (!File.Exists(UserConfigPath)) return false;
        var lines = CheckedUserConfig();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (IsConditional(trimmed)) return false;
            if (trimmed.Equals(IncludeLine, StringComparison.OrdinalIgnoreCase) || trimmed == "Include " + MxConfigPath) return true;
        }
        return false;
    }

    /// <summary>
    /// Puts the Include line first in the user's config: an Include after a Host or Match line would only apply to that
    /// block's hosts. Nothing else of the file changes.
    /// </summary>
    public void AddInclude()
    {
        if (HasInclude()) return;
        var existing = File.Exists(UserConfigPath) ? File.ReadAllText(UserConfigPath) : "";
        if (existing.Length > 0) CheckedUserConfig();
        Directory.CreateDirectory(sshDirectory);
        var comment = "# Added by mx: the ssh hosts of mx dev workspaces (mx workspace create).";
        WriteAtomically(UserConfigPath, $"{comment}\n{IncludeLine}\n" + (existing.Length > 0 ? "\n" + existing : ""));
    }

    private string[] CheckedUserConfig()
    {
        var lines = File.ReadAllLines(UserConfigPath);
        for (var i = 0; i < lines.Length; i++)
            if (!IsConfigLine(lines[i]))
                throw new MxException($"{UserConfigPath} line {i + 1} ('{Excerpt(lines[i])}') is not an ssh_config line (Keyword value), so mx leaves the file alone. " +
                                      $"Fix that line (see 'man ssh_config'), or add '{IncludeLine}' at its top yourself, and run the command again.");
        return lines;
    }

    private List<(string Header, string Text)> ReadBlocks()
    {
        var blocks = new List<(string Header, string Text)>();
        if (!File.Exists(MxConfigPath)) return blocks;
        var lines = File.ReadAllLines(MxConfigPath);
        StringBuilder? current = null;
        var header = "";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("Host ", StringComparison.Ordinal) && HostLine().IsMatch(line))
            {
                if (current is not null) blocks.Add((header, current.ToString().TrimEnd('\n') + "\n"));
                header = line.TrimEnd();
                current = new StringBuilder(header).Append('\n');
            }
            else if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                current?.Append(line).Append('\n');
            }
            else if (current is not null && line.StartsWith("  ", StringComparison.Ordinal) && IsConfigLine(line))
            {
                current.Append(line).Append('\n');
            }
            else
            {
                throw new MxException($"{MxConfigPath} line {i + 1} ('{Excerpt(line)}') is not part of a 'Host mx-...' block as mx writes them, so mx will not rewrite the file. " +
                                      "It is mx's own file: delete it (mx writes each workspace's entry again on 'mx workspace create' or 'start') or fix that line, and run the command again.");
            }
        }
        if (current is not null) blocks.Add((header, current.ToString().TrimEnd('\n') + "\n"));
        return blocks;
    }

    private void Write(List<(string Header, string Text)> blocks)
    {
        var directory = Path.GetDirectoryName(MxConfigPath)!;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
        else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var text = "# Managed by mx: one block per dev workspace, written by 'mx workspace create' and removed by 'mx workspace delete'.\n\n" +
                   string.Join('\n', blocks.Where(b => b.Header.Length > 0).Select(b => b.Text));
        WriteAtomically(MxConfigPath, text);
    }

    // ssh refuses a config that others may write, and a half-written one would break every ssh call.
    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".mx-tmp";
        File.WriteAllText(temp, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }

    private static bool IsConditional(string line) =>
        line.StartsWith("Host ", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Host\t", StringComparison.OrdinalIgnoreCase) ||
        line.StartsWith("Match ", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Match\t", StringComparison.OrdinalIgnoreCase);

    private static bool IsConfigLine(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#')) return true;
        return ConfigLine().IsMatch(trimmed) && trimmed.Count(c => c == '"') % 2 == 0;
    }

    private static string Excerpt(string line) => line.Length > 60 ? line[..60] + "..." : line;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(\\s*=\\s*|\\s+)\\S")]
    private static partial Regex ConfigLine();

    [GeneratedRegex("^Host mx-[a-z0-9-]+\\s*\\z")]
    private static partial Regex HostLine();
}
