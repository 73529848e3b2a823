namespace Mx.Pulumi.Workspaces;

/// <summary>
/// What sync knows of one file on one side: its size and modification time as rsync prints them (to the second, in
/// UTC, "yyyy/MM/dd-HH:mm:ss", which orders as text), the same quick check rsync itself uses to see a change.
/// </summary>
internal readonly record struct SyncFile(long Size, string Modified);
