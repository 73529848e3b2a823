using System.Text.Json;
using System.Text.RegularExpressions;
using Mx.Lint.Rules.Python;

namespace Mx.Lint.Internal.Python;

/// <summary>Turns the machine-readable output of ruff, flake8 and black into findings.</summary>
internal static partial class PythonToolOutput
{
    private const string LintRule = PythonLintRule.RuleId;
    private const string FormatRule = PythonFormatRule.RuleId;

    /// <summary><c>ruff check --output-format=json</c>: an array of diagnostics with absolute file names.</summary>
    public static List<ToolFinding> Ruff(string json, string root)
    {
        var findings = new List<ToolFinding>();
        if (string.IsNullOrWhiteSpace(json)) return findings;
        using var document = JsonDocument.Parse(json);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var code = item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "syntax-error";
            var location = item.GetProperty("location");
            findings.Add(new ToolFinding(Relative(item.GetProperty("filename").GetString()!, root),
                location.GetProperty("row").GetInt32(), location.GetProperty("column").GetInt32(),
                LintRule, $"{code} {item.GetProperty("message").GetString()} (ruff)"));
        }
        return findings;
    }

    /// <summary>flake8's default format: <c>path:row:col: CODE text</c>, one per line.</summary>
    public static List<ToolFinding> Flake8(string output, string root) =>
        output.Split('\n').Select(line => Flake8Line().Match(line.TrimEnd('\r'))).Where(m => m.Success)
            .Select(m => new ToolFinding(Relative(m.Groups["path"].Value, root), int.Parse(m.Groups["row"].Value),
                Math.Max(1, int.Parse(m.Groups["col"].Value)), LintRule, $"{m.Groups["code"].Value} {m.Groups["text"].Value} (flake8)"))
            .ToList();

    /// <summary><c>black --check</c> writes <c>would reformat PATH</c> to stderr for every file it would change.</summary>
    public static List<ToolFinding> Black(string error, string root) =>
        error.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("would reformat ", StringComparison.Ordinal))
            .Select(line => new ToolFinding(Relative(line["would reformat ".Length..].Trim(), root), 1, 1, FormatRule, "black would reformat this file"))
            .ToList();

    private static string Relative(string path, string root)
    {
        var relative = Path.IsPathRooted(path) ? Path.GetRelativePath(root, path) : path;
        relative = relative.Replace('\\', '/');
        return relative.StartsWith("./", StringComparison.Ordinal) ? relative[2..] : relative;
    }

    [GeneratedRegex(@"^(?<path>.+?):(?<row>\d+):(?<col>\d+): (?<code>[A-Z]+[0-9]+) (?<text>.*)$")]
    private static partial Regex Flake8Line();
}
