using System.Text.Json;
using Mx.Lint;
using Mx.Tests.Support;
using NJsonSchema;

namespace Mx.Tests.Lint;

public class ReportFormatSpecs
{
    private static string Render(LintReport report, ReportFormat format)
    {
        var writer = new StringWriter();
        ReportWriter.Write(report, format, writer);
        return writer.ToString();
    }

    private static LintReport BadProject()
    {
        using var project = LintProject.Fixture("bad-project");
        return project.Lint(RecordedTools.ForBadProject());
    }

    [Fact]
    public async Task Sarif_output_is_valid_against_the_OASIS_2_1_0_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repository.Shared, "schemas", "sarif-schema-2.1.0.json"));
        var errors = schema.Validate(Render(BadProject(), ReportFormat.Sarif));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Sarif_results_reference_their_rules_by_id_and_index_and_carry_suppressions()
    {
        var report = BadProject();
        using var sarif = JsonDocument.Parse(Render(report, ReportFormat.Sarif));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(rules.Count, rules.Distinct().Count());
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(report.Findings.Count, results.Count);
        foreach (var result in results)
        {
            var index = result.GetProperty("ruleIndex").GetInt32();
            Assert.InRange(index, 0, rules.Count - 1);
            Assert.Equal(result.GetProperty("ruleId").GetString(), rules[index]);
            Assert.True(result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
        }
        var suppressed = results.Where(r => r.TryGetProperty("suppressions", out _)).ToList();
        Assert.Equal(report.Suppressed.Count(), suppressed.Count);
        Assert.Equal("inSource", suppressed[0].GetProperty("suppressions")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public void Text_output_prints_path_line_column_rule_severity_message_and_a_hint()
    {
        var text = Render(BadProject(), ReportFormat.Text);
        Assert.Contains("Dockerfile:1:1  MX4101  error    base image 'python:latest' uses the moving 'latest' tag\n    hint: Pin the base image", text);
        Assert.EndsWith("51 errors, 7 warnings, 0 notes (1 suppressed) in 23 files (23 checked, 0 from cache).\n", text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("settings.yaml:2:1", text);
    }

    [Fact]
    public void Github_output_annotates_each_active_finding_with_escaped_values()
    {
        var lines = Render(BadProject(), ReportFormat.Github).Split('\n');
        Assert.Contains("::error file=Dockerfile,line=1,col=1,title=MX4101 base image 'python%3Alatest' uses the moving 'latest' tag::" +
                        "base image 'python:latest' uses the moving 'latest' tag%0APin the base image to an exact tag (pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime) or a digest.", lines);
        Assert.Equal(BadProject().Active.Count(), lines.Count(l => l.StartsWith("::error ", StringComparison.Ordinal) || l.StartsWith("::warning file=", StringComparison.Ordinal)));
    }

    [Fact]
    public void Json_output_lists_every_finding_with_its_suppression_and_the_counts()
    {
        using var json = JsonDocument.Parse(Render(BadProject(), ReportFormat.Json));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(51, summary.GetProperty("errors").GetInt32());
        Assert.Equal(1, summary.GetProperty("suppressed").GetInt32());
        Assert.Equal(1, summary.GetProperty("exit_code").GetInt32());
        var suppressed = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.TryGetProperty("suppression", out _));
        Assert.Equal("MX1109", suppressed.GetProperty("rule_id").GetString());
    }
}
