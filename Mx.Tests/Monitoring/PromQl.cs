using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mx.Tests.Monitoring;

/// <summary>
/// PromQL checks for the generated rules and dashboards: parsing with Prometheus' own parser (promtool, from Debian's
/// <c>prometheus</c> package, which test.sh installs), and the metric names an expression selects.
/// </summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool", "and", "or", "unless", "inf", "nan", "atan2",
    };

    /// <summary>
    /// Grafana's variables replaced by values of their kind, so a dashboard's query is the PromQL Grafana sends.
    /// </summary>
    public static string FromGrafana(string expr) => GrafanaVariable().Replace(expr, m => m.Groups["name"].Value switch
    {
        "__range" or "__interval" or "__rate_interval" or "__range_s" => "1h",
        _ => ".*",
    });

    /// <summary>
    /// The metric names <paramref name="expr"/> selects: identifiers outside label matchers, strings and grouping
    /// clauses that are not functions or keywords.
    /// </summary>
    public static IReadOnlyList<string> Metrics(string expr)
    {
        var text = Strings().Replace(expr, "\"\"");
        text = Matchers().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        var names = new List<string>();
        foreach (Match m in Identifier().Matches(text))
        {
            var rest = text[(m.Index + m.Length)..].TrimStart();
            if (rest.StartsWith('(') || Keywords.Contains(m.Value) || char.IsDigit(m.Value[0])) continue;
            names.Add(m.Value);
        }
        return names.Distinct().ToArray();
    }

    /// <summary>promtool's verdict on a Prometheus rules file (YAML or JSON): exit code and output.</summary>
    public static (int ExitCode, string Output) CheckRules(JsonNode rulesFile)
    {
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "promtool")).FirstOrDefault(File.Exists);
        Assert.True(promtool is not null, "promtool is not on PATH: install Debian's prometheus package (./test.sh does).");
        var path = Path.Combine(Path.GetTempPath(), $"mx-rules-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, rulesFile.ToJsonString(), new UTF8Encoding(false));
        try
        {
            var start = new ProcessStartInfo(promtool!, ["check", "rules", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A rules file recording each expression, which makes promtool parse them all.</summary>
    public static JsonNode RecordingRules(IEnumerable<string> exprs) => new JsonObject
    {
        ["groups"] = new JsonArray(new JsonObject
        {
            ["name"] = "expressions",
            ["rules"] = new JsonArray([.. exprs.Select((e, i) => (JsonNode)new JsonObject { ["record"] = $"check_{i}", ["expr"] = e })]),
        }),
    };

    [GeneratedRegex("\\$(\\{(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\\}|(?<name>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex GrafanaVariable();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex("\\{[^}]*\\}")]
    private static partial Regex Matchers();

    [GeneratedRegex("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)")]
    private static partial Regex Grouping();

    [GeneratedRegex("\\[[^\\]]*\\]")]
    private static partial Regex Ranges();

    [GeneratedRegex("(?<![A-Za-z0-9_:.])[A-Za-z_:][A-Za-z0-9_:]*")]
    private static partial Regex Identifier();
}
