using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// The only code that writes generated files. In an existing project it stages every file under <c>.mx/</c>
/// first, then moves each into place, keeping what it replaces or removes; if any step fails it puts everything back, so
/// a project is never left half-generated. State is written last, through a temp file and a rename. A new
/// project is written whole into a hidden sibling directory that one rename turns into the project.
/// </summary>
public static class PlanApplier
{
    public static void Apply(string root, IEnumerable<FileChange> changes, ProjectState newState)
    {
        var applied = changes.Where(c => c.Kind is ChangeKind.Create or ChangeKind.Update or ChangeKind.Conflict or ChangeKind.Delete).ToArray();
        foreach (var change in applied) ProjectPaths.Resolve(root, change.Path);
        var staging = Path.Combine(root, ".mx", $"staging-{Environment.ProcessId}");
        var journal = new Stack<Action>();
        try
        {
            foreach (var change in applied.Where(c => !c.Removes)) Stage(staging, change);
            foreach (var change in applied)
            {
                if (change.Removes) MoveAside(root, staging, change, journal);
                else MoveIntoPlace(root, staging, change, journal);
            }
            StateFile.Save(root, newState);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            while (journal.TryPop(out var undo)) TryUndo(undo);
            throw new MxException(
                $"mx could not write the project in {root}: {e.Message} Nothing was changed. " +
                "Check that the directory is writable and the disk has room, then run the command again.", ExitCode.BadInput, e);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Writes a project whose directory does not exist yet; it appears complete or not at all.</summary>
    public static void Create(string root, IEnumerable<FileChange> changes, ProjectState newState)
    {
        var writes = changes.Where(c => c.Kind is ChangeKind.Create).ToArray();
        foreach (var change in writes) ProjectPaths.Resolve(root, change.Path);
        var parent = Path.GetDirectoryName(root) ?? throw new MxException($"mx cannot create a project at {root}; choose another --output.");
        var staging = Path.Combine(parent, $".{Path.GetFileName(root)}.mx-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(parent);
            foreach (var change in writes)
            {
                var path = Path.Combine(staging, change.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, change.Planned!, AtomicFile.Utf8);
            }
            StateFile.Save(staging, newState);
            // Fails rather than merges if another process created the directory meanwhile.
            Directory.Move(staging, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx could not create the project in {root}: {e.Message} Nothing was written. " +
                "Check that the parent directory is writable and the disk has room, or choose another --output.", ExitCode.BadInput, e);
        }
        finally
        {
            if (Directory.Exists(staging)) TryUndo(() => Directory.Delete(staging, recursive: true));
        }
    }

    private static void Stage(string staging, FileChange change)
    {
        var path = Path.Combine(staging, "new", change.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, change.Planned!, AtomicFile.Utf8);
    }

    private static void MoveIntoPlace(string root, string staging, FileChange change, Stack<Action> journal)
    {
        var target = ProjectPaths.Resolve(root, change.Path);
        CreateParents(Path.GetDirectoryName(target)!, journal);
        MoveAside(root, staging, change, journal);
        File.Move(Path.Combine(staging, "new", change.Path), target);
        journal.Push(() => File.Delete(target));
    }

    // The file being replaced or removed waits in the staging directory until the whole plan is in place.
    private static void MoveAside(string root, string staging, FileChange change, Stack<Action> journal)
    {
        var target = ProjectPaths.Resolve(root, change.Path);
        if (!File.Exists(target)) return;
        var backup = Path.Combine(staging, "old", change.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        File.Move(target, backup);
        journal.Push(() => File.Move(backup, target, overwrite: true));
    }

    private static void CreateParents(string directory, Stack<Action> journal)
    {
        if (Directory.Exists(directory)) return;
        CreateParents(Path.GetDirectoryName(directory)!, journal);
        Directory.CreateDirectory(directory);
        journal.Push(() => Directory.Delete(directory));
    }

    private static void TryUndo(Action undo)
    {
        try { undo(); }
        catch (IOException) { /* best effort: the rest of the rollback still runs */ }
        catch (UnauthorizedAccessException) { }
    }
}
