namespace Mx.Generators;

/// <summary>Maps project-relative paths to disk and refuses any that would land outside the project root.</summary>
public static class ProjectPaths
{
    public static string Resolve(string root, string relativePath)
    {
        var fullRoot = Path.GetFullPath(root);
        if (relativePath.Length == 0 || Path.IsPathRooted(relativePath) || relativePath.Contains('\\'))
            throw OutsideRoot(relativePath);
        var full = Path.GetFullPath(Path.Combine(fullRoot, relativePath));
        var prefix = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal)) throw OutsideRoot(relativePath);
        return full;
    }

    /// <summary>The nearest directory at or above <paramref name="start"/> that holds <c>.mx/state.yaml</c>.</summary>
    public static string? FindProjectRoot(string start)
    {
        // Anything at the state's path marks the project, so a directory or a pipe there is reported as a broken
        // state rather than leaving mx to treat the project as a new one.
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (Path.Exists(StateFile.PathIn(dir.FullName))) return dir.FullName;
        return null;
    }

    private static MxException OutsideRoot(string path) =>
        new($"A generator tried to write '{path}', which is outside the project root; mx refuses such paths. " +
            "This is a bug in the generator: report it to its authors.");
}
