using Mx.Generators;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Monitoring;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace sync</c>: two-way sync of the project directory with <c>~/PROJECT</c> in the workspace
/// (<c>/home/mx/PROJECT</c>, on the home volume), by rsync over the workspace's ssh entry. What goes where is
/// <see cref="SyncPlan"/>'s rule; rsync moves the bytes. Every run lists both sides, applies the plan, and records
/// what both sides then agree on as the next run's baseline.
/// </summary>
public sealed class WorkspaceSync
{
    /// <summary>How often <c>--watch</c> looks for changes in the workspace, which no watcher here can see.</summary>
    public static readonly TimeSpan RemotePollInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long local changes must settle before <c>--watch</c> syncs them (an editor saves in several writes).</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(700);

    private readonly string _root;
    private readonly string _workspace;
    private readonly string _remote;
    private readonly string _baselinePath;
    private readonly ToolRunner _runner;

    private WorkspaceSync(string root, string workspace, string alias, string remoteDirectory, string baselinePath, ToolRunner runner) =>
        (_root, _workspace, _remote, _baselinePath, _runner) = (root, workspace, $"{alias}:{remoteDirectory}/", baselinePath, runner);

    /// <summary>Checks the ssh entry and that the workspace is the caller's and runs, before anything is copied.</summary>
    public static WorkspaceSync For(InfraProject project, string workspace)
    {
        var runner = ToolRunner.Default;
        var alias = WorkspaceSshHost.Required(project, workspace, runner.Environment);
        runner.Locate(Tool.Rsync);
        WorkspacePod.Find(project, workspace, runner);
        // Relative to the home directory ssh logs in to: /home/mx in the workspace.
        return new WorkspaceSync(project.Root, workspace, alias, project.ProjectName, SyncBaseline.PathOf(project.Root, alias, runner.Environment), runner);
    }

    /// <summary>Syncs once; says what moved, and nothing when nothing did and <paramref name="quietWhenSame"/>.</summary>
    public void Once(bool delete, Action<string> say, bool quietWhenSame = false)
    {
        var scratch = Directory.CreateTempSubdirectory("mx-sync-");
        try
        {
            var local = List("./", scratch.FullName);
            var remote = List(_remote, scratch.FullName);
            var plan = SyncPlan.Decide(local, remote, SyncBaseline.Load(_baselinePath), delete);
            if (plan.IsEmpty)
            {
                SyncBaseline.Save(_baselinePath, Agreed(local, remote));
                if (!quietWhenSame) say($"The project and workspace {_workspace} are in sync.");
                return;
            }
            List<string> push = [.. plan.Push], pull = [.. plan.Pull];
            var kept = new List<(string Path, string Copy)>();
            var loserCopies = new List<(string Path, string Copy)>();
            foreach (var conflict in plan.Conflicts)
            {
                var copy = FreeName(conflict.Path + conflict.LoserSuffix, local, remote);
                if (conflict.LocalWins)
                {
                    Rsync(RsyncArguments.CopyOne(_remote + conflict.Path, Path.Combine(_root, copy)), $"keeping the workspace's version of {conflict.Path}");
                    push.Add(conflict.Path);
                }
                else
                {
                    File.Move(Path.Combine(_root, conflict.Path), Path.Combine(_root, copy));
                    pull.Add(conflict.Path);
                }
                loserCopies.Add((conflict.Path, copy));
            }
            Transfer(pull, _remote, "./", scratch.FullName, "receiving from the workspace");
            // Both versions may be the same bytes (the same checkout on both sides): then there was no conflict.
            foreach (var (path, copy) in loserCopies)
            {
                if (SameBytes(Path.Combine(_root, path), Path.Combine(_root, copy))) File.Delete(Path.Combine(_root, copy));
                else
                {
                    push.Add(copy);
                    kept.Add((path, copy));
                }
            }
            Transfer(push, "./", _remote, scratch.FullName, "sending to the workspace");
            if (plan.DeleteRemote.Count > 0)
            {
                var list = FileList(scratch.FullName, plan.DeleteRemote);
                Rsync(RsyncArguments.DeleteListed(list, "./", _remote), "deleting in the workspace what was deleted here");
            }
            foreach (var path in plan.DeleteLocal) File.Delete(Path.Combine(_root, path));
            SyncBaseline.Save(_baselinePath, Agreed(List("./", scratch.FullName), List(_remote, scratch.FullName)));
            Report(plan, kept, say);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>Syncs, then again on every settled local change and every <see cref="RemotePollInterval"/>, until interrupted.</summary>
    public void Watch(bool delete, Action<string> say, Interruption interruption)
    {
        Once(delete, say);
        say($"Watching the project and workspace {_workspace} for changes (local ones at once, the workspace's every " +
            $"{RemotePollInterval.TotalSeconds:0} s); Ctrl+C stops.");
        var lastLocalChange = DateTime.MinValue;
        var gate = new object();
        using var watcher = new FileSystemWatcher(_root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        void Changed(object sender, FileSystemEventArgs e)
        {
            var relative = Path.GetRelativePath(_root, e.FullPath);
            // git's and mx's own data never sync, and change on every commit and mx command.
            foreach (var own in new[] { ".git", ".mx" })
                if (relative == own || relative.StartsWith(own + Path.DirectorySeparatorChar, StringComparison.Ordinal)) return;
            lock (gate) lastLocalChange = DateTime.UtcNow;
        }
        watcher.Changed += Changed;
        watcher.Created += Changed;
        watcher.Deleted += Changed;
        watcher.Renamed += (sender, e) => Changed(sender, e);
        watcher.EnableRaisingEvents = true;
        var nextPoll = DateTime.UtcNow + RemotePollInterval;
        while (!interruption.Requested)
        {
            interruption.Graceful.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
            if (interruption.Requested) break;
            DateTime changed;
            lock (gate) changed = lastLocalChange;
            var now = DateTime.UtcNow;
            var settled = changed != DateTime.MinValue && now - changed >= Debounce;
            if (!settled && now < nextPoll) continue;
            lock (gate) if (lastLocalChange == changed) lastLocalChange = DateTime.MinValue;
            try
            {
                Once(delete, say, quietWhenSame: true);
            }
            catch (MxException e)
            {
                // A dropped connection or a file mid-write: the next round tries again.
                say($"This round of sync failed and the next one tries again: {e.Message}");
            }
            nextPoll = DateTime.UtcNow + RemotePollInterval;
        }
    }

    private void Report(SyncPlan plan, List<(string Path, string Copy)> kept, Action<string> say)
    {
        say($"Synced the project with workspace {_workspace}: {Count(plan.Push.Count, "file")} sent, {plan.Pull.Count} received, " +
            $"{Count(plan.DeleteLocal.Count + plan.DeleteRemote.Count, "file")} deleted, {Count(kept.Count, "conflict")}.");
        foreach (var (path, copy) in kept)
            say($"  conflict: {path} changed on both sides; the newer version is now on both, the other kept as {copy}");
        if (plan.Restored.Count > 0)
            say($"  {Count(plan.Restored.Count, "file")} deleted on one side only ({string.Join(", ", plan.Restored.Take(5))}{(plan.Restored.Count > 5 ? ", ..." : "")}) " +
                "came back from the other; 'mx workspace sync --delete' deletes such files on both sides instead.");
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static Dictionary<string, SyncFile> Agreed(Dictionary<string, SyncFile> local, Dictionary<string, SyncFile> remote) =>
        local.Where(l => remote.TryGetValue(l.Key, out var r) && r == l.Value).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    private static string FreeName(string wanted, Dictionary<string, SyncFile> local, Dictionary<string, SyncFile> remote)
    {
        var name = wanted;
        for (var n = 2; local.ContainsKey(name) || remote.ContainsKey(name); n++) name = $"{wanted}-{n}";
        return name;
    }

    private static bool SameBytes(string a, string b)
    {
        if (!File.Exists(a) || !File.Exists(b) || new FileInfo(a).Length != new FileInfo(b).Length) return false;
        return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }

    private Dictionary<string, SyncFile> List(string source, string emptyDirectory)
    {
        var local = source == "./";
        var what = local ? "listing the project's files" : "listing the workspace's files";
        string[] ignoreFiles = local ? [] : new[] { ".gitignore", ".mxignore" }.Select(f => Path.Combine(_root, f)).Where(File.Exists).ToArray();
        var result = _runner.Run(Invocation(RsyncArguments.List(source, emptyDirectory, ignoreFiles), what));
        if (result.Succeeded) return SyncListing.Parse(result.StandardOutput);
        // A first sync finds no project directory in the workspace yet; the first copy creates it.
        if (!local && result.StandardError.Contains("change_dir", StringComparison.Ordinal) && result.StandardError.Contains("No such file or directory", StringComparison.Ordinal))
            return new Dictionary<string, SyncFile>(StringComparer.Ordinal);
        throw Failed(result, what);
    }

    private void Transfer(List<string> paths, string source, string target, string scratch, string doing)
    {
        if (paths.Count == 0) return;
        Rsync(RsyncArguments.CopyListed(FileList(scratch, paths), source, target), doing);
    }

    private void Rsync(IReadOnlyList<string> arguments, string doing)
    {
        var result = _runner.Run(Invocation(arguments, doing));
        if (!result.Succeeded) throw Failed(result, doing);
    }

    private ToolInvocation Invocation(IReadOnlyList<string> arguments, string doing) => new(Tool.Rsync, arguments, doing) { WorkingDirectory = _root };

    private MxException Failed(ToolResult result, string doing) => new(
        $"rsync failed {doing} ({ServiceForward.LastLine(result.StandardError) ?? $"exit code {result.ExitCode}"}). Check that 'ssh {_remote.TrimEnd('/').Split(':')[0]} true' " +
        "works and that the workspace runs ('mx workspace list'); what was already copied stays, and syncing again continues from there.", ExitCode.Failed);

    private static string FileList(string scratch, IEnumerable<string> paths)
    {
        var path = Path.Combine(scratch, $"files-{Guid.NewGuid():N}");
        File.WriteAllText(path, string.Concat(paths.Select(p => p + "\0")));
        return path;
    }
}
