using Mx.Generators.Internal;

namespace Mx.Generators;

/// <summary>
/// Compares a plan with the working tree as a three-way merge: the base is what mx last wrote (its hash in state,
/// its content in <c>.mx/base</c>), ours is the working tree, theirs is the new render. A file the user did not
/// touch takes the render; a file only the user changed keeps the user's version; a file both changed is merged
/// line by line, and is a conflict only where both changed the same lines. A file mx never wrote, or whose
/// base is unknown, is a conflict unless it already holds exactly the render.
/// Files mx wrote for the generator earlier that its plan no longer has are deleted when untouched and
/// conflicts when the user changed them.
/// </summary>
/// <remarks>
/// Only fixed paths of <see cref="IGenerator.Writes"/> are dropped. A path with an answer in it
/// (<c>pipelines/&lt;pipeline_name&gt;/…</c>) names one instance of several: a plan for another name adds an
/// instance rather than replacing the last one.
/// </remarks>
internal static class ChangePlanner
{
    private const string OursLabel = "yours";
    private const string TheirsLabel = "mx";

    /// <param name="ownPaths">
    /// The generator's <see cref="IGenerator.Writes"/> when it was applied before: recorded files at those fixed
    /// paths that the plan lacks were its own and are now dropped. Null when it never wrote anything here.
    /// </param>
    /// <param name="bases">What mx last wrote, by path (<c>.mx/base</c>); an entry counts only if it matches state's hash.</param>
    public static IReadOnlyList<FileChange> Compare(string root, Plan plan, ProjectState state, IReadOnlyList<string>? ownPaths = null,
        IReadOnlyDictionary<string, string>? bases = null)
    {
        bases ??= new Dictionary<string, string>();
        var edits = plan.Edits.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        // A file the plan writes whole gets the plan's own edits of it on top of its render.
        var files = plan.Files.Select(effect => edits.Remove(effect.Path, out var own) ? effect with { Content = ApplyAll(own, effect.Content) } : effect);
        return
        [
            .. files.Select(effect => Compare(root, effect, state, bases)),
            .. edits.Select(e => CompareEdited(root, e.Key, e.Value, state, bases)),
            .. Dropped(root, plan, state, ownPaths ?? []),
        ];
    }

    // An edited file is the user's version with the edit applied: a structured edit keeps everything it is not
    // about, so the user's changes survive without a line merge. What mx records as written is the edit applied to
    // what it wrote last, so the user's changes keep counting as theirs. An edit is also about the entries it owns,
    // which the user may have changed too: when mx's edit brings nothing new to what it wrote last, the user's version
    // stands; when the structured result would drop a change of the user's, the file gets the line merge every
    // rendered file gets, conflicts included.
    private static FileChange CompareEdited(string root, string path, FileEdit[] edits, ProjectState state, IReadOnlyDictionary<string, string> bases)
    {
        var full = ProjectPaths.Resolve(root, path);
        if (!File.Exists(full))
            throw new MxException(
                $"{path} does not exist, so mx cannot {string.Join(" and ", edits.Select(e => e.Description))} in it. " +
                $"Restore it (git checkout -- {path}, or run again the generator that wrote it) and run the command again. Nothing was written.");
        var current = File.ReadAllText(full);
        var edited = ApplyAll(edits, current);
        var recorded = state.Files.TryGetValue(path, out var hash) ? hash : null;
        var baseText = recorded is null ? null
            : bases.TryGetValue(path, out var b) && ContentHash.Of(b) == recorded ? b
            : ContentHash.Of(current) == recorded ? current : null;
        if (baseText is null || baseText == current)
            return new FileChange(path, edited == current ? ChangeKind.Unchanged : ChangeKind.Update, current, edited);
        var theirs = ApplyAll(edits, baseText);
        if (theirs == baseText || edited == current) return new FileChange(path, ChangeKind.Keep, current, theirs) { Merged = current };
        if (ThreeWayMerge.KeepsChanges(baseText, current, edited))
            return new FileChange(path, ChangeKind.Merge, current, theirs) { Merged = edited };
        var merge = ThreeWayMerge.Merge(baseText, current, theirs, OursLabel, TheirsLabel);
        return new FileChange(path, merge.Clean ? ChangeKind.Merge : ChangeKind.Conflict, current, theirs) { Merged = merge.Text };
    }

    private static string ApplyAll(IEnumerable<FileEdit> edits, string text)
    {
        foreach (var edit in edits) text = edit.Apply(text);
        return text;
    }

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
            yield return ContentHash.Of(current) == recorded
                ? new FileChange(path, ChangeKind.Delete, current, null)
                : new FileChange(path, ChangeKind.Conflict, current, null) { Merged = current };
        }
    }

    private static FileChange Compare(string root, FileEffect effect, ProjectState state, IReadOnlyDictionary<string, string> bases)
    {
        var path = ProjectPaths.Resolve(root, effect.Path);
        if (Directory.Exists(path))
            return new FileChange(effect.Path, ChangeKind.Conflict, "(a directory)\n", effect.Content);
        var recorded = state.Files.TryGetValue(effect.Path, out var hash) ? hash : null;
        var baseText = recorded is not null && bases.TryGetValue(effect.Path, out var b) && ContentHash.Of(b) == recorded ? b : null;

        if (!File.Exists(path))
        {
            // A file mx wrote that the user deleted stays deleted, unless mx now writes something else there.
            if (recorded is null || effect.KeepExisting) return new FileChange(effect.Path, ChangeKind.Create, null, effect.Content);
            return ContentHash.Of(effect.Content) == recorded
                ? new FileChange(effect.Path, ChangeKind.Keep, null, effect.Content)
                : new FileChange(effect.Path, ChangeKind.Conflict, null, effect.Content) { Merged = effect.Content };
        }

        var current = File.ReadAllText(path);
        if (effect.KeepExisting)
        {
            var refreshed = effect.Refresh?.Invoke(current) ?? current;
            return new FileChange(effect.Path, refreshed == current ? ChangeKind.Unchanged : ChangeKind.Update, current, refreshed);
        }
        if (current == effect.Content) return new FileChange(effect.Path, ChangeKind.Unchanged, current, effect.Content);
        if (recorded is not null && recorded == ContentHash.Of(current))
            return new FileChange(effect.Path, ChangeKind.Update, current, effect.Content);
        if (recorded is not null && ContentHash.Of(effect.Content) == recorded)
            return new FileChange(effect.Path, ChangeKind.Keep, current, effect.Content);
        if (baseText is null)
            return new FileChange(effect.Path, ChangeKind.Conflict, current, effect.Content)
            {
                Merged = ThreeWayMerge.TwoWay(current, effect.Content, OursLabel, TheirsLabel),
            };
        var merge = ThreeWayMerge.Merge(baseText, current, effect.Content, OursLabel, TheirsLabel);
        return new FileChange(effect.Path, merge.Clean ? ChangeKind.Merge : ChangeKind.Conflict, current, effect.Content) { Merged = merge.Text };
    }
}
