using System.Diagnostics;

namespace Mx.Tests.Workspaces;

/// <summary>
/// mx workspace sync for real: rsync over the workspace's ssh entry (through the proxy and a real sshd) between the
/// project and ~/acme-vision of the stand-in workspace.
/// </summary>
public class WorkspaceSyncSpecs
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static void Write(string root, string relative, string text, DateTime modified)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, modified);
    }

    private static string? Read(string root, string relative) =>
        File.Exists(Path.Combine(root, relative)) ? File.ReadAllText(Path.Combine(root, relative)) : null;

    private static void Sync(WorkspaceConnectWorld world, params string[] flags)
    {
        var result = world.Mx(["workspace", "sync", "ws1", .. flags]);
        Assert.True(result.ExitCode == 0, result.All);
    }

    [Fact]
    public void A_first_sync_brings_each_sides_new_files_to_the_other_and_leaves_what_gitignore_and_mxignore_name()
    {
        using var world = new WorkspaceConnectWorld();
        Write(world.Project, "notes/local.md", "from the laptop", Monday);
        Write(world.Project, "outputs/run-1/metrics.json", "{}", Monday);
        Write(world.Project, ".mxignore", "data/raw/\n", Monday);
        Write(world.Project, "data/raw/big.bin", "raw", Monday);
        Write(world.RemoteProject, "notebooks/explore.ipynb", "{\"cells\": []}", Monday);
        Write(world.RemoteProject, "src/acme_vision/__pycache__/model.cpython-312.pyc", "bytecode", Monday);

        var result = world.Mx("workspace", "sync", "ws1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Synced the project with workspace ws1:", result.Output);
        Assert.Equal("from the laptop", Read(world.RemoteProject, "notes/local.md"));
        Assert.Equal("{\"cells\": []}", Read(world.Project, "notebooks/explore.ipynb"));
        Assert.Equal(File.ReadAllText(Path.Combine(world.Project, "pyproject.toml")), Read(world.RemoteProject, "pyproject.toml"));
        Assert.Equal(Monday, File.GetLastWriteTimeUtc(Path.Combine(world.RemoteProject, "notes/local.md")));
        // .gitignore has outputs/ and __pycache__/; .mxignore has data/raw/; git's and mx's own data stay local.
        Assert.Null(Read(world.RemoteProject, "outputs/run-1/metrics.json"));
        Assert.Null(Read(world.RemoteProject, "data/raw/big.bin"));
        Assert.Null(Read(world.Project, "src/acme_vision/__pycache__/model.cpython-312.pyc"));
        Assert.False(Directory.Exists(Path.Combine(world.RemoteProject, ".git")));
        Assert.False(Directory.Exists(Path.Combine(world.RemoteProject, ".mx")));

        var again = world.Mx("workspace", "sync", "ws1");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("The project and workspace ws1 are in sync.", again.Output);
    }

    [Fact]
    public void A_file_changed_on_both_sides_goes_to_the_newer_version_and_keeps_the_other_beside_it_on_both_sides()
    {
        using var world = new WorkspaceConnectWorld();
        Write(world.Project, "train.md", "v1", Monday);
        Write(world.Project, "eval.md", "v1", Monday);
        Sync(world);
        Write(world.Project, "train.md", "laptop, newer", Monday.AddHours(2));
        Write(world.RemoteProject, "train.md", "workspace, older", Monday.AddHours(1));
        Write(world.Project, "eval.md", "laptop, older", Monday.AddHours(1));
        Write(world.RemoteProject, "eval.md", "workspace, newer", Monday.AddHours(2));

        var result = world.Mx("workspace", "sync", "ws1");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("2 conflicts", result.Output);
        Assert.Contains("conflict: train.md changed on both sides; the newer version is now on both, the other kept as train.md.mx-conflict-workspace", result.Output);
        Assert.Contains("conflict: eval.md changed on both sides; the newer version is now on both, the other kept as eval.md.mx-conflict-local", result.Output);
        foreach (var side in new[] { world.Project, world.RemoteProject })
        {
            Assert.Equal("laptop, newer", Read(side, "train.md"));
            Assert.Equal("workspace, older", Read(side, "train.md.mx-conflict-workspace"));
            Assert.Equal("workspace, newer", Read(side, "eval.md"));
            Assert.Equal("laptop, older", Read(side, "eval.md.mx-conflict-local"));
        }
        var settled = world.Mx("workspace", "sync", "ws1");
        Assert.Contains("are in sync", settled.Output);
    }

    [Fact]
    public void A_file_changed_on_one_side_only_goes_to_the_other_whichever_is_newer()
    {
        using var world = new WorkspaceConnectWorld();
        Write(world.Project, "config.yaml", "lr: 0.1", Monday.AddHours(3));
        Sync(world);
        // Changed in the workspace with an older clock than the laptop's copy: no conflict, the change wins.
        Write(world.RemoteProject, "config.yaml", "lr: 0.01", Monday.AddHours(1));

        Sync(world);

        Assert.Equal("lr: 0.01", Read(world.Project, "config.yaml"));
        Assert.False(File.Exists(Path.Combine(world.Project, "config.yaml.mx-conflict-local")));
    }

    [Fact]
    public void Nothing_is_deleted_on_either_side_without_delete_and_with_it_only_what_is_unchanged()
    {
        using var world = new WorkspaceConnectWorld();
        Write(world.Project, "a.txt", "a", Monday);
        Write(world.Project, "b.txt", "b", Monday);
        Write(world.Project, "c.txt", "c", Monday);
        Sync(world);
        File.Delete(Path.Combine(world.Project, "a.txt"));
        File.Delete(Path.Combine(world.RemoteProject, "b.txt"));

        var kept = world.Mx("workspace", "sync", "ws1");

        Assert.True(kept.ExitCode == 0, kept.All);
        Assert.Contains("2 files deleted on one side only (a.txt, b.txt) came back from the other; 'mx workspace sync --delete' deletes such files on both sides instead.", kept.Output);
        foreach (var side in new[] { world.Project, world.RemoteProject })
        {
            Assert.Equal("a", Read(side, "a.txt"));
            Assert.Equal("b", Read(side, "b.txt"));
        }

        File.Delete(Path.Combine(world.Project, "a.txt"));
        File.Delete(Path.Combine(world.RemoteProject, "b.txt"));
        // Deleted here, changed there: the change wins over the deletion.
        File.Delete(Path.Combine(world.Project, "c.txt"));
        Write(world.RemoteProject, "c.txt", "c, edited in the workspace", Monday.AddHours(1));

        var deleted = world.Mx("workspace", "sync", "ws1", "--delete");

        Assert.True(deleted.ExitCode == 0, deleted.All);
        Assert.Contains("2 files deleted", deleted.Output);
        foreach (var side in new[] { world.Project, world.RemoteProject })
        {
            Assert.Null(Read(side, "a.txt"));
            Assert.Null(Read(side, "b.txt"));
            Assert.Equal("c, edited in the workspace", Read(side, "c.txt"));
        }
        Assert.Equal(File.ReadAllText(Path.Combine(world.Project, "README.md")), Read(world.RemoteProject, "README.md"));
    }

    [Fact]
    public void Watch_syncs_a_local_change_without_being_asked_and_stops_on_ctrl_c()
    {
        using var world = new WorkspaceConnectWorld();
        using var watch = world.Run.Start("workspace", "sync", "ws1", "--watch");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        watch.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        watch.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        watch.BeginOutputReadLine();
        watch.BeginErrorReadLine();
        WaitFor(() => lines.Any(l => l.StartsWith("Watching the project", StringComparison.Ordinal)), watch, lines);

        File.WriteAllText(Path.Combine(world.Project, "fresh.py"), "print('hi')\n");
        WaitFor(() => Read(world.RemoteProject, "fresh.py") == "print('hi')\n", watch, lines);
        File.WriteAllText(Path.Combine(world.RemoteProject, "from-workspace.txt"), "polled");
        WaitFor(() => Read(world.Project, "from-workspace.txt") == "polled", watch, lines);

        using (var kill = Process.Start("kill", ["-INT", watch.Id.ToString()])) kill.WaitForExit();
        Assert.True(watch.WaitForExit(TimeSpan.FromSeconds(60)), "mx did not stop on Ctrl+C");
        watch.WaitForExit();
        Assert.Equal(130, watch.ExitCode);
        Assert.Contains("Stopped syncing.", lines);
    }

    private static void WaitFor(Func<bool> condition, Process process, IEnumerable<string> lines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            Assert.False(process.HasExited, "mx exited: " + string.Join('\n', lines));
            Assert.True(DateTime.UtcNow < deadline, "timed out: " + string.Join('\n', lines));
            Thread.Sleep(100);
        }
    }
}
