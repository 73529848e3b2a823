namespace Mx.Tests.Support;

/// <summary>Every file under a directory as relative path → text, for comparing whole generated trees.</summary>
public static class DirectorySnapshot
{
    public static SortedDictionary<string, string> Read(string root, Func<string, bool>? include = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (include is null || include(relative)) files[relative] = File.ReadAllText(path);
        }
        return files;
    }
}
