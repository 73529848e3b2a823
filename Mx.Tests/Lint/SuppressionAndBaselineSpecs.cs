namespace Mx.Tests.Lint;

public class SuppressionAndBaselineSpecs
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n";

    [Fact]
    public void A_suppression_with_a_reason_covers_the_next_line_and_keeps_the_finding_as_suppressed()
    {
        using var project = LintProject.With(("pod.yaml", Pod.Replace("      image: nginx", "      # mx-lint: disable=MX1101 smoke test image\n      image: nginx")));
        var finding = project.Lint().Findings.Single(f => f.RuleId == "MX1101");
        Assert.Equal(new Mx.Lint.Suppression("inSource", "smoke test image"), finding.Suppression);
        Assert.False(finding.Fails);
    }

    [Fact]
    public void A_file_level_suppression_covers_every_line_of_its_file()
    {
        using var project = LintProject.With(("pod.yaml", "# mx-lint: disable-file=MX1101,MX1102 a throw-away test pod\n" + Pod));
        var report = project.Lint();
        Assert.All(report.Findings.Where(f => f.RuleId is "MX1101" or "MX1102"), f => Assert.True(f.IsSuppressed));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX9002");
    }

    [Fact]
    public void A_suppression_after_its_expiry_date_suppresses_nothing_and_says_so()
    {
        using var project = LintProject.With(("pod.yaml", Pod.Replace("image: nginx", "image: nginx  # mx-lint: disable=MX1101 migrating [until=2026-01-14]")));
        var report = project.Lint();
        Assert.False(report.Findings.Single(f => f.RuleId == "MX1101").IsSuppressed);
        Assert.Contains(report.Findings, f => f.RuleId == "MX9003" && f.Message.Contains("expired on 2026-01-14"));
    }

    [Fact]
    public void A_baseline_records_todays_findings_and_then_fails_only_on_new_ones()
    {
        using var project = LintProject.With(("pod.yaml", Pod));
        var baseline = Path.Combine(project.Root, "lint-baseline.json");
        var recording = project.Lint(baseline: baseline);
        Assert.True(recording.BaselineRecorded > 0);
        Assert.Equal(0, recording.ExitCode);

        // Moving the finding down a line keeps it accepted; a second unpinned image is new.
        project.Write("pod.yaml", "# a comment moves everything down\n" + Pod + "    - name: sidecar\n      image: envoy\n      resources: {requests: {cpu: 1, memory: 1Gi}, limits: {cpu: 1, memory: 1Gi}}\n");
        var report = project.Lint(baseline: baseline);
        var active = report.Findings.Where(f => !f.IsSuppressed && f.RuleId == "MX1101").ToList();
        Assert.Equal("image 'envoy' has no tag, so it means ':latest'", Assert.Single(active).Message);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Findings, f => f.Suppression?.Kind == "external");
    }

    [Fact]
    public void A_baseline_that_is_not_json_is_a_usage_error()
    {
        using var project = LintProject.With(("pod.yaml", Pod), ("baseline.json", "nope"));
        var error = Assert.Throws<Mx.Generators.MxException>(() => project.Lint(baseline: Path.Combine(project.Root, "baseline.json")));
        Assert.Contains("cannot be read", error.Message);
    }
}
