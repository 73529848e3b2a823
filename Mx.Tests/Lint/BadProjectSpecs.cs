using System.Text;
using Mx.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

public class BadProjectSpecs
{
    private static readonly string Golden = Path.Combine(Repository.Root, "Mx.Tests", "Fixtures", "bad-project.findings.txt");

    /// <summary>
    /// The hand-made fixtures (bad-project, and broken-state for a state file that does not parse) produce exactly the
    /// findings in Fixtures/bad-project.findings.txt. To accept an intended change: MX_ACCEPT=1 dotnet test --filter BadProjectSpecs.
    /// </summary>
    [Fact]
    public void The_bad_project_fixtures_produce_exactly_the_recorded_findings()
    {
        var actual = Describe(LintBadProject()) + Describe(LintBrokenState());
        if (Environment.GetEnvironmentVariable("MX_ACCEPT") == "1") File.WriteAllText(Golden, actual);
        Assert.Equal(File.ReadAllText(Golden), actual);
    }

    [Fact]
    public void Every_rule_of_the_catalogue_is_triggered_by_the_bad_project_fixtures()
    {
        var triggered = LintBadProject().Findings.Concat(LintBrokenState().Findings).Select(f => f.RuleId).ToHashSet();
        var missing = RuleCatalog.All.Select(r => r.Id).Where(id => !triggered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "rules no fixture triggers: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_bad_project_fails_with_exit_code_1()
    {
        Assert.Equal(1, LintBadProject().ExitCode);
    }

    private static LintReport LintBadProject()
    {
        using var project = LintProject.Fixture("bad-project");
        return project.Lint(RecordedTools.ForBadProject());
    }

    private static LintReport LintBrokenState()
    {
        using var project = LintProject.Fixture("broken-state");
        return project.Lint();
    }

    private static string Describe(LintReport report)
    {
        var text = new StringBuilder();
        foreach (var f in report.Findings)
            text.Append($"{f.Path}:{f.Line}:{f.Column} {f.RuleId} {f.Severity.ToString().ToLowerInvariant()} {f.Message}")
                .Append(f.Suppression is { } s ? $" [suppressed {s.Kind}: {s.Justification}]" : "").Append('\n');
        foreach (var notice in report.Notices) text.Append("notice: ").Append(notice).Append('\n');
        return text.ToString();
    }
}
