using Mx.Pulumi.Workspaces;

namespace Mx.Pulumi;

/// <summary>
/// The argument lists of <c>mx workspace sync</c>'s rsync runs: always over ssh (<c>-e ssh</c>, to the workspace's host
/// alias, so the connection is the ssh entry's tunnel), keeping symlinks, permissions and modification times, and
/// never deleting anything except the files it is given with <see cref="DeleteListed"/>.
/// </summary>
public static class RsyncArguments
{
    /// <summary>What neither side gets from the other: what git ignores, what .mxignore names, git's own data and mx's state.</summary>
    public static IReadOnlyList<string> Filters { get; } = ["--filter=:- .gitignore", "--filter=:- .mxignore", "--exclude=/.git/", "--exclude=/.mx/"];

    private static readonly string[] Common = ["-e", "ssh", "--links", "--perms", "--times"];

    /// <summary>
    /// A dry run from <paramref name="source"/> into the empty <paramref name="emptyDirectory"/>, printing every file it
    /// would send; <paramref name="ignoreFiles"/> (the project's own .gitignore and .mxignore) apply too, as the
    /// per-directory filters only read the files of the side listed, and a workspace's first listing has none yet.
    /// </summary>
    public static IReadOnlyList<string> List(string source, string emptyDirectory, IReadOnlyList<string> ignoreFiles) =>
        [.. Common, "--recursive", "--dry-run", "--out-format=" + SyncListing.OutFormat, .. Filters,
            .. ignoreFiles.Select(f => "--exclude-from=" + f), source, emptyDirectory];

    /// <summary>Copies the files named (NUL-separated, relative to <paramref name="source"/>) in <paramref name="fileList"/>.</summary>
    public static IReadOnlyList<string> CopyListed(string fileList, string source, string target) =>
        [.. Common, "--from0", "--files-from=" + fileList, source, target];

    /// <summary>Deletes in <paramref name="target"/> the files named in <paramref name="fileList"/>, which <paramref name="source"/> no longer has.</summary>
    public static IReadOnlyList<string> DeleteListed(string fileList, string source, string target) =>
        [.. Common, "--from0", "--files-from=" + fileList, "--delete-missing-args", source, target];

    /// <summary>One file to one path.</summary>
    public static IReadOnlyList<string> CopyOne(string source, string target) => [.. Common, source, target];
}
