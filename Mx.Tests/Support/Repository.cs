namespace Mx.Tests.Support;

/// <summary>Paths inside the mx repository, found from the test binaries' location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The shared/ folder beside the repository, which holds upstream schemas.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "mx.sln"))) return dir.FullName;
        throw new InvalidOperationException("mx.sln not found above " + AppContext.BaseDirectory);
    }
}
