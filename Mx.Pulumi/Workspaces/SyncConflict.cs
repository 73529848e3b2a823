namespace Mx.Pulumi.Workspaces;

/// <summary>A file changed on both sides since the last sync, and which side's version wins.</summary>
internal sealed record SyncConflict(string Path, bool LocalWins)
{
    public const string LocalSuffix = ".mx-conflict-local";
    public const string WorkspaceSuffix = ".mx-conflict-workspace";

    /// <summary>The suffix of the copy that keeps the losing version.</summary>
    public string LoserSuffix => LocalWins ? WorkspaceSuffix : LocalSuffix;
}
