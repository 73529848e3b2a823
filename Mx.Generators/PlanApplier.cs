using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// The only code that writes generated files. In an existing project every change, the base snapshot, the
/// backups of overwritten user files and the new state are applied as one journaled transaction
/// (<see cref="ProjectTransaction"/>): a failure or a kill leaves the project exactly as it was, or, once the
/// state is written, exactly as planned. A new project is written whole into a hidden sibling directory that one
/// rename turns into the project. The caller holds the <see cref="ProjectLock"/>.
/// </summary>
public static class PlanApplier
{
    public static void Apply(string root, IEnumerable<FileChange> changes, ProjectState newState) =>
        Apply(root, changes, newState, bases: null, backupDirectory: null);

    /// <param name="bases">The new <c>.mx/base</c> snapshot; null leaves it as it is.</param>
    /// <param name="backupDirectory">Where the user's versions of overwritten files go, project-relative; null for none.</param>
    internal static void Apply(string root, IEnumerable<FileChange> changes, ProjectState newState,
        IReadOnlyDictionary<string, string>? bases, string? backupDirectory)
    {
        var writes = new List<ProjectTransaction.Write>();
        foreach (var change in changes)
        {
            if (!change.TouchesDisk) continue;
            if (backupDirectory is not null && change.OverwritesUserWork)
                writes.Add(new(backupDirectory + "/" + change.Path, change.Current));
            writes.Add(new(change.Path, change.NewContent));
        }
        if (bases is not null) writes.Add(new(BaseSnapshot.RelativePath, BaseSnapshot.Serialize(bases)));
        try
        {
            ProjectTransaction.Run(root, writes, StateFile.Serialize(newState));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx could not write the project in {root}: {e.Message} Nothing was changed. " +
                "Check that the directory is writable and the disk has room, then run the command again.", ExitCode.BadInput, e);
        }
    }

    /// <summary>Writes a project whose directory does not exist yet; it appears complete or not at all.</summary>
    public static void Create(string root, IEnumerable<FileChange> changes, ProjectState newState) =>
        Create(root, changes, newState, bases: null);

    internal static void Create(string root, IEnumerable<FileChange> changes, ProjectState newState, IReadOnlyDictionary<string, string>? bases)
    {
        var writes = changes.Where(c => c.Kind is ChangeKind.Create).ToArray();
        foreach (var change in writes) ProjectPaths.Resolve(root, change.Path);
        var parent = Path.GetDirectoryName(root) ?? throw new MxException($"mx cannot create a project at {root}; choose another --output.");
        string? staging = null;
        FileStream? creating = null;
        try
        {
            Directory.CreateDirectory(parent);
            RemoveAbandonedStaging(parent, Path.GetFileName(root));
            staging = ProjectTransaction.CreateUnique(parent, StagingPrefix(Path.GetFileName(root)));
            creating = HoldCreating(staging);
            foreach (var change in writes)
            {
                var path = Path.Combine(staging, change.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, change.Planned!, AtomicFile.Utf8);
            }
            StateFile.Save(staging, newState);
            if (bases is not null) File.WriteAllText(BaseSnapshot.PathIn(staging), BaseSnapshot.Serialize(bases), AtomicFile.Utf8);
            // Fails rather than merges if another process created the directory meanwhile.
            Directory.Move(staging, root);
            staging = null;
            creating.Dispose();
            File.Delete(Path.Combine(root, ".mx", CreatingName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx could not create the project in {root}: {e.Message} Nothing was written. " +
                "Check that the parent directory is writable and the disk has room, or choose another --output.", ExitCode.BadInput, e);
        }
        finally
        {
            creating?.Dispose();
            if (staging is not null && Directory.Exists(staging)) TryDelete(staging);
        }
    }

    private const string CreatingName = "creating";

    // Held while the staging directory is written: the OS releases it when the process dies, which is how a later
    // run tells an abandoned staging directory from one being written right now.
    private static FileStream HoldCreating(string staging)
    {
        Directory.CreateDirectory(Path.Combine(staging, ".mx"));
        return new FileStream(Path.Combine(staging, ".mx", CreatingName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    private static string StagingPrefix(string name) => $".{name}.mx-";

    // A run killed while writing a new project leaves its hidden staging directory beside it; its creating-file is
    // no longer held. One so young that it has no creating-file yet may still be in its first moment.
    private static void RemoveAbandonedStaging(string parent, string name)
    {
        foreach (var directory in Directory.EnumerateDirectories(parent, StagingPrefix(name) + "*"))
        {
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is not null) continue;
            try
            {
                new FileStream(Path.Combine(directory, ".mx", CreatingName), FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                if (DateTime.UtcNow - info.LastWriteTimeUtc < TimeSpan.FromSeconds(10)) continue;
            }
            catch (IOException)
            {
                continue;
            }
            TryDelete(directory);
        }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* left for a later run */ }
        catch (UnauthorizedAccessException) { }
    }
}
