namespace Mx.Pulumi.Workspaces;

/// <summary>
/// What one two-way sync does, decided from both sides' file lists and the baseline (both sides as the last sync left
/// them). A file changed on one side only goes to the other. A file changed on both is a conflict: the newer
/// modification time wins (the local one when they are equal) and the other version is kept beside it as
/// <c>FILE.mx-conflict-local</c> or <c>FILE.mx-conflict-workspace</c>. A file missing on one side is copied back from the
/// other, unless <c>--delete</c> was given and it is unchanged since the last sync: then the deletion is repeated
/// on the other side. A change always beats a deletion, so no edit is ever lost.
/// </summary>
internal sealed record SyncPlan(
    IReadOnlyList<string> Push,
    IReadOnlyList<string> Pull,
    IReadOnlyList<SyncConflict> Conflicts,
    IReadOnlyList<string> DeleteLocal,
    IReadOnlyList<string> DeleteRemote,
    IReadOnlyList<string> Restored)
{
    public bool IsEmpty => Push.Count + Pull.Count + Conflicts.Count + DeleteLocal.Count + DeleteRemote.Count == 0;

    public static SyncPlan Decide(IReadOnlyDictionary<string, SyncFile> local, IReadOnlyDictionary<string, SyncFile> remote,
        IReadOnlyDictionary<string, SyncFile> baseline, bool delete)
    {
        List<string> push = [], pull = [], deleteLocal = [], deleteRemote = [], restored = [];
        List<SyncConflict> conflicts = [];
        var paths = new SortedSet<string>(local.Keys, StringComparer.Ordinal);
        paths.UnionWith(remote.Keys);
        foreach (var path in paths)
        {
            var hasLocal = local.TryGetValue(path, out var l);
            var hasRemote = remote.TryGetValue(path, out var r);
            var synced = baseline.TryGetValue(path, out var b);
            if (hasLocal && hasRemote)
            {
                if (l == r) continue;
                var localChanged = !synced || l != b;
                var remoteChanged = !synced || r != b;
                if (!remoteChanged) push.Add(path);
                else if (!localChanged) pull.Add(path);
                else conflicts.Add(new SyncConflict(path, LocalWins: string.CompareOrdinal(l.Modified, r.Modified) >= 0));
            }
            else if (hasLocal)
            {
                // Only here: new, or deleted in the workspace since the last sync.
                if (synced && l == b && delete) deleteLocal.Add(path);
                else
                {
                    push.Add(path);
                    if (synced && l == b) restored.Add(path);
                }
            }
            else
            {
                if (synced && r == b && delete) deleteRemote.Add(path);
                else
                {
                    pull.Add(path);
                    if (synced && r == b) restored.Add(path);
                }
            }
        }
        return new SyncPlan(push, pull, conflicts, deleteLocal, deleteRemote, restored);
    }
}
