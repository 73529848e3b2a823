namespace Mx.Tests.Lint;

/// <summary>A fact that needs real tools: it skips itself, saying which, when one of them is not on PATH.</summary>
public sealed class FactWhenOnPathAttribute : FactAttribute
{
    public FactWhenOnPathAttribute(params string[] tools)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var missing = tools.Where(tool => !path.Any(dir => File.Exists(Path.Combine(dir, tool)))).ToList();
        if (missing.Count > 0) Skip = $"needs {string.Join(" and ", missing)} on PATH (apt-get install {string.Join(' ', missing)})";
    }
}
