namespace Mx.Lint.Internal;

/// <summary>
/// Lists the files to lint under the project root, as sorted project-relative paths: it skips <c>.git/</c>
/// and mx's cache, honours every <c>.gitignore</c> on the way down and the config's excludes, and does not
/// follow symbolic links to directories (which can loop).
/// </summary>
internal static class FileWalker
{
    public static IReadOnlyList<string> Walk(string root, IReadOnlyList<string> scope, IReadOnlyList<string> exclude)
    {
        var files = new List<string>();
        var excludes = new GitIgnore("", exclude);
        Walk(root, "", [], scope, excludes, files);
        // Named files are linted even when ignored, as the user asked for them by name.
        foreach (var named in scope.Where(s => !s.EndsWith('/') && File.Exists(Path.Combine(root, s)) && !files.Contains(s)))
            files.Add(named);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static void Walk(string root, string relative, List<GitIgnore> ignores, IReadOnlyList<string> scope, GitIgnore excludes, List<string> files)
    {
        var directory = relative.Length == 0 ? root : Path.Combine(root, relative);
        var gitignore = Path.Combine(directory, ".gitignore");
        if (File.Exists(gitignore)) ignores = [.. ignores, GitIgnore.Read(gitignore, relative)];
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var entry in entries)
        {
            var isDirectory = entry is DirectoryInfo;
            var path = relative + entry.Name + (isDirectory ? "/" : "");
            // mx's own records of generated files (the merge base, backups, an interrupted run's journal) are not the project's.
            if (path is ".git/" or ".mx/cache/" or ".mx/base" or ".mx/backup/" || entry.Name == ".git" || path.StartsWith(".mx/txn-", StringComparison.Ordinal)) continue;
            if (!InScope(path, isDirectory, scope)) continue;
            var name = path.TrimEnd('/');
            if (excludes.Match(name, isDirectory) == true || IsIgnored(name, isDirectory, ignores)) continue;
            if (isDirectory)
            {
                if (entry.LinkTarget is null) Walk(root, path, ignores, scope, excludes, files);
            }
            else
            {
                files.Add(name);
            }
        }
    }

    private static bool IsIgnored(string path, bool isDirectory, List<GitIgnore> ignores)
    {
        var ignored = false;
        foreach (var gitignore in ignores)
            if (gitignore.Match(path, isDirectory) is { } match) ignored = match;
        return ignored;
    }

    // A scope entry is a project-relative file, or a directory with a trailing slash; empty scope is the whole project.
    private static bool InScope(string path, bool isDirectory, IReadOnlyList<string> scope) =>
        scope.Count == 0 || scope.Any(s => s.Length == 0 || path.StartsWith(s, StringComparison.Ordinal) ||
                                           (isDirectory && s.StartsWith(path, StringComparison.Ordinal)) || (!isDirectory && s == path));
}
