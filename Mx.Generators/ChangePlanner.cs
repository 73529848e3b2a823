namespace Mx.Generators;

/// <summary>
/// Compares a plan with the working tree and the hashes in state. A file is the user's when its content
/// differs from the hash mx recorded for it, or when mx never recorded it: such a file is a conflict unless
/// the plan would write exactly what is already there. Files mx wrote for the generator earlier that its plan no
/// longer has are deleted when untouched and conflicts when the user changed them.
/// </summary>
/// <remarks>
/// Only fixed paths of <see cref="IGenerator.Writes"/> are dropped. A path with an answer in it
/// (<c>pipelines/&lt;pipeline_name&gt;/…</c>) names one instance of several: a plan for another name adds an
/// instance rather than replacing the last one.
/// </remarks>
public static class ChangePlanner
{
    /// <param name="ownPaths">
    /// The generator's <see cref="IGenerator.Writes"/> when it was applied before: recorded files at those fixed
    /// paths that the plan lacks were its own and are now dropped. Null when it never wrote anything here.
    /// </param>
    public static IReadOnlyList<FileChange> Compare(string root, Plan plan, ProjectState state, IReadOnlyList<string>? ownPaths = null) =>
        [.. plan.Files.Select(effect => Compare(root, effect, state)), .. Dropped(root, plan, state, ownPaths ?? [])];

    private static IEnumerable<FileChange> Dropped(string root, Plan plan, ProjectState state, IReadOnlyList<string> ownPaths)
    {
        if (ownPaths.Count == 0) yield break;
        var planned = plan.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in ownPaths)
        {
            if (path.Contains('<') || planned.Contains(path) || !state.Files.TryGetValue(path, out var recorded)) continue;
            var full = ProjectPaths.Resolve(root, path);
            if (!File.Exists(full)) continue;
            var current = File.ReadAllText(full);
            yield return new FileChange(path, ContentHash.Of(current) == recorded ? ChangeKind.Delete : ChangeKind.Conflict, current, null);
        }
    }

    private static FileChange Compare(string root, FileEffect effect, ProjectState state)
    {
        var path = ProjectPaths.Resolve(root, effect.Path);
        if (Directory.Exists(path))
            return new FileChange(effect.Path, ChangeKind.Conflict, "(a directory)\n", effect.Content);
        if (!File.Exists(path)) return new FileChange(effect.Path, ChangeKind.Create, null, effect.Content);

        var current = File.ReadAllText(path);
        if (effect.KeepExisting) return new FileChange(effect.Path, ChangeKind.Unchanged, current, current);
        if (current == effect.Content) return new FileChange(effect.Path, ChangeKind.Unchanged, current, effect.Content);
        var writtenByMx = state.Files.TryGetValue(effect.Path, out var recorded) && recorded == ContentHash.Of(current);
        return new FileChange(effect.Path, writtenByMx ? ChangeKind.Update : ChangeKind.Conflict, current, effect.Content);
    }
}
