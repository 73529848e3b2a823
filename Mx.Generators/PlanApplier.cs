using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// The only code that writes generated files. In an existing project every change, the base snapshot, the
/// backups of overwritten user files and the new state are applied as one journaled transaction
/// (<see cref="ProjectTransaction"/>): a failure or a kill leaves the project exactly as it was, or, once the
/// state is written, exactly as planned. A new project is written whole into a hidden sibling directory that one
/// rename turns into the project. The caller holds the <see cref="ProjectLock"/>.
/// </summary>
internal static class PlanApplier
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
        FileStream? held = null;
        try
        {
            Directory.CreateDirectory(parent);
            RemoveAbandonedStaging(parent, Path.GetFileName(root));
            (staging, held) = CreateStaging(parent, Path.GetFileName(root));
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
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MxException(
                $"mx could not create the project in {root}: {e.Message} Nothing was written. " +
                "Check that the parent directory is writable and the disk has room, or choose another --output.", ExitCode.BadInput, e);
        }
        finally
        {
            if (staging is not null && Directory.Exists(staging)) TryDelete(staging);
            if (held is not null) Release(held);
        }
    }

    private static string StagingPrefix(string name) => $".{name}.mx-";

    private const string HeldSuffix = ".held";

    // The staging directory's claim is a file beside it, created and locked before the directory and removed only
    // after the directory is gone (renamed into the project or deleted). The OS releases the lock when the process
    // dies, so a later run tells an abandoned staging directory (claim missing or not held) from one being written.
    private static (string Staging, FileStream Held) CreateStaging(string parent, string name)
    {
        while (true)
        {
            var staging = Path.Combine(parent, StagingPrefix(name) + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)));
            FileStream held;
            try
            {
                held = new FileStream(staging + HeldSuffix, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException) when (File.Exists(staging + HeldSuffix))
            {
                continue;
            }
            Directory.CreateDirectory(staging);
            return (staging, held);
        }
    }

    private static void Release(FileStream held)
    {
        var path = held.Name;
        held.Dispose();
        try { File.Delete(path); }
        catch (IOException) { /* removed by the next run that finds it unheld */ }
    }

    /// <summary>Removes what killed runs left while creating the project at <paramref name="root"/>, beside it.</summary>
    internal static void RemoveAbandonedStaging(string root) =>
        RemoveAbandonedStaging(Path.GetDirectoryName(Path.GetFullPath(root))!, Path.GetFileName(Path.GetFullPath(root)));

    private static void RemoveAbandonedStaging(string parent, string name)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(parent, StagingPrefix(name) + "*"))
        {
            var staging = entry.EndsWith(HeldSuffix, StringComparison.Ordinal) ? entry[..^HeldSuffix.Length] : entry;
            if (new FileInfo(entry).LinkTarget is not null || Held(staging + HeldSuffix)) continue;
            if (Directory.Exists(staging)) TryDelete(staging);
            try { File.Delete(staging + HeldSuffix); }
            catch (IOException) { }
        }
    }

    private static bool Held(string claim)
    {
        try
        {
            new FileStream(claim, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
            return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { /* left for a later run */ }
        catch (UnauthorizedAccessException) { }
    }
}
