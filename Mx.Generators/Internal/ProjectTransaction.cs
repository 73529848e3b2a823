using System.Security.Cryptography;
using System.Text;

namespace Mx.Generators.Internal;

/// <summary>
/// Applies a set of file writes and a new state to a project as one transaction that survives <c>kill -9</c>.
/// Everything is first written into <c>.mx/txn-&lt;random&gt;/</c> together with a journal; once the journal is
/// in place, files are moved in (what they replace is moved aside), and renaming the new state over
/// <c>.mx/state.yaml</c> commits. A run that finds a journal left by a killed one rolls it back if the state was
/// not renamed yet (putting every moved file back) and otherwise finishes it, so the project is always exactly
/// before or exactly after.
/// </summary>
internal static class ProjectTransaction
{
    private const string Prefix = "txn-";
    private const string JournalName = "journal";
    private const string StateName = "state.yaml";

    /// <summary>One file to write (<paramref name="Content"/>) or remove (null), by project-relative path.</summary>
    public readonly record struct Write(string Path, string? Content);

    private enum Step { MakeDirectory = 'M', Create = 'C', Replace = 'R', Remove = 'D' }

    private readonly record struct Entry(int Index, Step Step, string Path);

    public static void Run(string root, IReadOnlyList<Write> writes, string state)
    {
        var targets = writes.Select(w => ProjectPaths.ResolveForWrite(root, w.Path)).ToArray();
        ProjectPaths.ResolveForWrite(root, StateFile.RelativePath);
        var directory = CreateUnique(Path.Combine(root, ".mx"));
        var entries = new List<Entry>();
        try
        {
            var madeDirectories = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < writes.Count; i++)
            {
                var (path, content) = writes[i];
                var exists = File.Exists(targets[i]) || Directory.Exists(targets[i]);
                if (content is null)
                {
                    if (exists) entries.Add(new Entry(i, Step.Remove, path));
                    continue;
                }
                foreach (var parent in MissingParents(root, path))
                    if (madeDirectories.Add(parent)) entries.Add(new Entry(i, Step.MakeDirectory, parent));
                File.WriteAllText(Path.Combine(directory, "new-" + i), content, AtomicFile.Utf8);
                entries.Add(new Entry(i, exists ? Step.Replace : Step.Create, path));
            }
            File.WriteAllText(Path.Combine(directory, StateName), state, AtomicFile.Utf8);
            // The journal appears whole or not at all: without it, recovery only removes the directory.
            var journal = new StringBuilder();
            foreach (var entry in entries) journal.Append(entry.Index).Append('\t').Append((char)entry.Step).Append('\t').Append(entry.Path).Append('\n');
            File.WriteAllText(Path.Combine(directory, JournalName + ".tmp"), journal.ToString(), AtomicFile.Utf8);
            File.Move(Path.Combine(directory, JournalName + ".tmp"), Path.Combine(directory, JournalName));
        }
        catch
        {
            TryDelete(directory);
            throw;
        }

        try
        {
            foreach (var entry in entries) Forward(root, directory, entry);
            File.Move(Path.Combine(directory, StateName), StateFile.PathIn(root), overwrite: true);
        }
        catch
        {
            RollBack(root, directory, entries);
            Finish(directory);
            throw;
        }
        Finish(directory);
    }

    /// <summary>Rolls back or finishes what a killed run left; removes staging areas of older mx versions.</summary>
    public static void Recover(string root)
    {
        var mx = Path.Combine(root, ".mx");
        if (!Directory.Exists(mx) || new DirectoryInfo(mx).LinkTarget is not null) return;
        foreach (var directory in Directory.EnumerateDirectories(mx))
        {
            var name = Path.GetFileName(directory);
            if (name.StartsWith("staging-", StringComparison.Ordinal)) { TryDelete(directory); continue; }
            if (!name.StartsWith(Prefix, StringComparison.Ordinal) || new DirectoryInfo(directory).LinkTarget is not null) continue;
            var journal = Path.Combine(directory, JournalName);
            if (File.Exists(journal) && File.Exists(Path.Combine(directory, StateName)))
                RollBack(root, directory, Parse(File.ReadAllText(journal)));
            Finish(directory);
        }
    }

    private static void Forward(string root, string directory, Entry entry)
    {
        var target = ProjectPaths.ResolveForWrite(root, entry.Path);
        switch (entry.Step)
        {
            case Step.MakeDirectory:
                Directory.CreateDirectory(target);
                break;
            case Step.Remove:
                File.Move(target, Path.Combine(directory, "old-" + entry.Index));
                break;
            case Step.Replace:
                File.Move(target, Path.Combine(directory, "old-" + entry.Index));
                File.Move(Path.Combine(directory, "new-" + entry.Index), target);
                break;
            case Step.Create:
                File.Move(Path.Combine(directory, "new-" + entry.Index), target);
                break;
        }
    }

    // Each step is undone only as far as it got, so rolling back twice (a kill during recovery) is harmless.
    private static void RollBack(string root, string directory, IReadOnlyList<Entry> entries)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            var target = ProjectPaths.Resolve(root, entry.Path);
            var old = Path.Combine(directory, "old-" + entry.Index);
            var moved = !File.Exists(Path.Combine(directory, "new-" + entry.Index));
            switch (entry.Step)
            {
                case Step.MakeDirectory:
                    if (Directory.Exists(target) && !Directory.EnumerateFileSystemEntries(target).Any()) Directory.Delete(target);
                    break;
                case Step.Create:
                    if (moved && File.Exists(target)) File.Delete(target);
                    break;
                case Step.Replace or Step.Remove:
                    if (File.Exists(old)) File.Move(old, target, overwrite: true);
                    break;
            }
        }
    }

    // The journal goes first: a directory without one is only ever deleted, which is right once the project is
    // consistent again.
    private static void Finish(string directory)
    {
        var journal = Path.Combine(directory, JournalName);
        if (File.Exists(journal)) File.Delete(journal);
        TryDelete(directory);
    }

    private static List<Entry> Parse(string journal)
    {
        var entries = new List<Entry>();
        foreach (var line in journal.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t', 3);
            if (parts.Length != 3 || !int.TryParse(parts[0], out var index) || parts[1].Length != 1)
                throw new MxException($"The journal of an interrupted mx run in {Path.GetDirectoryName(journal)} is unreadable. Restore the project from git.");
            entries.Add(new Entry(index, (Step)parts[1][0], parts[2]));
        }
        return entries;
    }

    private static IEnumerable<string> MissingParents(string root, string path)
    {
        var parents = new List<string>();
        for (var parent = Parent(path); parent.Length > 0 && !Directory.Exists(ProjectPaths.Resolve(root, parent)); parent = Parent(parent))
            parents.Add(parent);
        parents.Reverse();
        return parents;
    }

    private static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>A new directory with an unpredictable name, so nothing planted beforehand can stand in for it.</summary>
    public static string CreateUnique(string parent, string prefix = Prefix)
    {
        Directory.CreateDirectory(parent);
        while (true)
        {
            var path = Path.Combine(parent, prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            if (Directory.Exists(path) || File.Exists(path)) continue;
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's recovery, which deletes directories without a journal.
        }
    }
}
