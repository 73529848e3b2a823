using System.Text;
using Mx.Generators;

namespace Mx.Tests.Support;

/// <summary>
/// Compares a generated tree with a golden directory kept in the repository. With MX_ACCEPT=1 the golden
/// directory is rewritten instead, and the change shows up in git for review.
/// </summary>
public static class GoldenDirectory
{
    public static bool Accepting => Environment.GetEnvironmentVariable("MX_ACCEPT") == "1";

    public static void AssertMatches(string goldenPath, string actualPath)
    {
        if (Accepting)
        {
            if (Directory.Exists(goldenPath)) Directory.Delete(goldenPath, recursive: true);
            DirectoryCopy.Copy(actualPath, goldenPath);
            return;
        }
        Assert.True(Directory.Exists(goldenPath), $"The golden directory {goldenPath} is missing; run the tests with MX_ACCEPT=1 to create it.");
        var report = Differences(goldenPath, actualPath);
        Assert.True(report.Length == 0,
            $"The generated tree differs from {Path.GetRelativePath(Repository.Root, goldenPath)}. " +
            $"If the change is intended, accept it with: MX_ACCEPT=1 dotnet test\n{report}");
    }

    /// <summary>A unified diff of every file that differs between the two trees; empty when they are the same.</summary>
    public static string Differences(string goldenPath, string actualPath)
    {
        var expected = DirectorySnapshot.Read(goldenPath);
        var actual = DirectorySnapshot.Read(actualPath);
        var report = new StringBuilder();
        foreach (var path in expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal))
        {
            expected.TryGetValue(path, out var want);
            actual.TryGetValue(path, out var got);
            if (want == got) continue;
            report.Append(UnifiedDiff.Create(want ?? "", got ?? "", want is null ? "/dev/null" : "golden/" + path, got is null ? "/dev/null" : "generated/" + path));
        }
        return report.ToString();
    }
}
