namespace Mx.Tests.Support;

/// <summary>Copies a directory tree file by file, for tests that work on a copy of a sample or fixture.</summary>
public static class DirectoryCopy
{
    /// <summary>Copies every file under <paramref name="from"/> to the same place under <paramref name="to"/>; returns <paramref name="to"/>.</summary>
    public static string Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return to;
    }
}
