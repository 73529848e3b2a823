namespace Mx.Generators;

/// <summary>Maps project-relative paths to disk and refuses any that would land outside the project root.</summary>
internal static class ProjectPaths
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

    /// <summary>
    /// <see cref="Resolve"/> for a path mx is about to write: refuses one whose way from the root passes through a
    /// symbolic link to a directory, which would lead the write out of the project. A symlinked file itself is
    /// replaced by the write, never written through.
    /// </summary>
    public static string ResolveForWrite(string root, string relativePath)
    {
        var full = Resolve(root, relativePath);
        var directory = Path.GetFullPath(root);
        var parts = relativePath.Split('/');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            directory = Path.Combine(directory, parts[i]);
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is not null)
                throw new MxException(
                    $"mx will not write {relativePath}: {string.Join('/', parts[..(i + 1)])} is a symbolic link (to {info.LinkTarget}), and writing " +
                    "through it would change files outside the project. Replace the link with a real directory, or move the project. Nothing was written.");
            if (!info.Exists) break;
        }
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

    /// <summary>
    /// <see cref="FindProjectRoot"/>, or the error every command that works on a project gives outside one;
    /// <paramref name="why"/> (", so ...") says why the command needs a project, when that is not obvious.
    /// </summary>
    public static string RequireProjectRoot(string start, string? why = null) => FindProjectRoot(start) ?? throw NotInProject(start, why);

    public static MxException NotInProject(string start, string? why = null) =>
        new($"{start} is not inside an mx project (no {StateFile.RelativePath} here or above){why}. " +
            "cd into a project made with 'mx generate MLProjectSkeleton'.");

    private static MxException OutsideRoot(string path) =>
        new($"A generator tried to write '{path}', which is outside the project root; mx refuses such paths. " +
            "This is a bug in the generator: report it to its authors.");
}
