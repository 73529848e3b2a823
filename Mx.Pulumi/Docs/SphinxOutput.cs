using System.Text.RegularExpressions;

namespace Mx.Pulumi.Docs;

/// <summary>Reads the warnings out of what Sphinx writes to standard error.</summary>
internal static partial class SphinxOutput
{
    /// <summary>
    /// Every warning, with paths under <paramref name="projectRoot"/> (or the image's mount of it) made relative;
    /// lines that follow a warning without starting one (an import error's traceback) belong to it.
    /// </summary>
    public static IReadOnlyList<SphinxWarning> Warnings(string standardError, string projectRoot, string? containerRoot = null)
    {
        var warnings = new List<SphinxWarning>();
        foreach (var raw in standardError.Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0) continue;
            if (Located().Match(line) is { Success: true } located)
                warnings.Add(new SphinxWarning(Relative(located.Groups["file"].Value, projectRoot, containerRoot),
                    located.Groups["line"].Success ? int.Parse(located.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : null,
                    located.Groups["message"].Value));
            else if (Unlocated().Match(line) is { Success: true } unlocated)
                warnings.Add(new SphinxWarning(null, null, unlocated.Groups["message"].Value));
            else if (warnings.Count > 0 && !line.StartsWith("build finished", StringComparison.Ordinal))
                warnings[^1] = warnings[^1] with { Message = warnings[^1].Message + "\n    " + line.Trim() };
        }
        return warnings;
    }

    private static string Relative(string file, string projectRoot, string? containerRoot)
    {
        foreach (var root in new[] { projectRoot, containerRoot })
            if (root is not null && file.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
                return file[(root.TrimEnd('/').Length + 1)..];
        return file;
    }

    [GeneratedRegex(@"^(?<file>[^\s].*?):(?:(?<line>\d+):)? (?:WARNING|ERROR|CRITICAL|SEVERE): (?<message>.*)$")]
    private static partial Regex Located();

    [GeneratedRegex(@"^(?:WARNING|ERROR|CRITICAL|SEVERE): (?<message>.*)$")]
    private static partial Regex Unlocated();
}
