using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// Both sides' files as the last sync left them (in sync), which tells a change on one side from a change on the
/// other and a deletion from a new file. Kept on this machine under <c>$XDG_STATE_HOME/mx/workspace-sync/</c> (else
/// <c>~/.local/state</c>), per project directory and workspace, never in the project, whose files it would change.
/// Without one (a first sync, a lost file) every difference is a conflict, which keeps both versions: nothing is lost.
/// </summary>
internal static class SyncBaseline
{
    public static string PathOf(string projectRoot, string alias, Func<string, string?> environment)
    {
        var state = environment("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var project = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(projectRoot))))[..12];
        return Path.Combine(state, "mx", "workspace-sync", $"{alias}-{project}.json");
    }

    public static Dictionary<string, SyncFile> Load(string path)
    {
        var files = new Dictionary<string, SyncFile>(StringComparer.Ordinal);
        if (!File.Exists(path)) return files;
        try
        {
            foreach (var (name, entry) in JsonNode.Parse(File.ReadAllText(path))?["files"]?.AsObject() ?? [])
                if (entry?["size"]?.GetValue<long>() is { } size && entry["modified"]?.GetValue<string>() is { } modified)
                    files[name] = new SyncFile(size, modified);
        }
        catch (JsonException)
        {
            // A damaged baseline is as good as none: every difference becomes a conflict and both versions stay.
            files.Clear();
        }
        return files;
    }

    /// <summary>Written to a temporary file and renamed, so a killed sync leaves the previous baseline whole.</summary>
    public static void Save(string path, IReadOnlyDictionary<string, SyncFile> files)
    {
        var entries = new JsonObject();
        foreach (var (name, file) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            entries[name] = new JsonObject { ["size"] = file.Size, ["modified"] = file.Modified };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, new JsonObject { ["files"] = entries }.ToJsonString());
        File.Move(temporary, path, overwrite: true);
    }
}
