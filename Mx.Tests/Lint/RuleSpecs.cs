using Mx.Lint;

namespace Mx.Tests.Lint;

public class RuleSpecs
{
    public static TheoryData<string> Rules => new(RuleCases.All.Select(c => c.RuleId));

    [Fact]
    public void Every_rule_of_the_catalogue_has_a_failing_and_a_clean_case()
    {
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), RuleCases.All.Select(c => c.RuleId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_reports_the_project_that_breaks_it(string ruleId)
    {
        var rule = RuleCases.All.Single(c => c.RuleId == ruleId);
        using var project = LintProject.With(rule.Bad);
        var findings = Lint(project, rule).Findings.Where(f => f.RuleId == ruleId && !f.IsSuppressed).ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(RuleCatalog.Find(ruleId)!.Hint, f.Hint));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_rule_is_silent_on_the_project_that_keeps_it(string ruleId)
    {
        var rule = RuleCases.All.Single(c => c.RuleId == ruleId);
        using var project = LintProject.With(rule.Good);
        var findings = Lint(project, rule, clean: true).Findings.Where(f => f.RuleId == ruleId && !f.IsSuppressed).ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings));
    }

    [Fact]
    public void Every_rule_documents_its_rationale_hint_and_examples()
    {
        Assert.All(RuleCatalog.All, rule =>
        {
            Assert.Matches("^MX[0-9]{4}$", rule.Id);
            foreach (var text in new[] { rule.Title, rule.Rationale, rule.Hint, rule.BadExample, rule.GoodExample })
                Assert.False(string.IsNullOrWhiteSpace(text), $"{rule.Id} lacks documentation");
        });
    }

    // The Python rules' findings come from the tools: the failing case gets recorded output, the clean one none.
    private static LintReport Lint(LintProject project, RuleCases.Case rule, bool clean = false)
    {
        var output = clean || rule.Tools is null ? "" : rule.Tools;
        var tools = rule.RuleId == "MX7102" ? new RecordedTools("", output) : new RecordedTools(output, "");
        return project.Lint(tools);
    }
}
