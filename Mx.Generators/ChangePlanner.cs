namespace Mx.Generators;

/// <summary>
/// Compares a plan with the working tree and the hashes in state. A file is the user's when its content
/// differs from the hash mx recorded for it, or when mx never recorded it: such a file is a conflict unless
/// the plan would write exactly what is already there.
/// </summary>
public static class ChangePlanner
{
    public static IReadOnlyList<FileChange> Compare(string root, Plan plan, ProjectState state) =>
        plan.Files.Select(effect => Compare(root, effect, state)).ToArray();

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
