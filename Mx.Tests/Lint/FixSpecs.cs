namespace Mx.Tests.Lint;

public class FixSpecs
{
    [Fact]
    public void Fix_cleans_apt_lists_in_the_installing_layer_and_reports_what_it_changed()
    {
        using var project = LintProject.With(("Dockerfile", "FROM debian:12.8\nRUN apt-get update \\\n    && apt-get install -y git\nUSER 10001\n"));
        var report = project.Lint(fix: true);
        Assert.Equal("FROM debian:12.8\nRUN apt-get update \\\n    && apt-get install -y git \\\n    && rm -rf /var/lib/apt/lists/*\nUSER 10001\n", project.Read("Dockerfile"));
        Assert.Equal(new Mx.Lint.AppliedFix("Dockerfile", 3, "MX4104", "removed apt lists in the installing layer"), Assert.Single(report.Fixes));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX4104");
    }

    [Fact]
    public void Fix_adds_the_standard_labels_it_can_tell_from_the_object_and_the_project()
    {
        using var project = LintProject.With((".mx/state.yaml", LintProject.State),
            ("sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: trainer\n  labels:\n    team: ml\n"),
            ("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"));
        project.Lint(fix: true);
        Assert.Equal("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: trainer\n  labels:\n    app.kubernetes.io/name: trainer\n    app.kubernetes.io/part-of: acme\n    team: ml\n", project.Read("sa.yaml"));
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    app.kubernetes.io/name: settings\n    app.kubernetes.io/part-of: acme\n  name: settings\n", project.Read("cm.yaml"));
        Assert.DoesNotContain(project.Lint().Findings, f => f.RuleId == "MX1109");
    }

    [Fact]
    public void Fix_removes_unused_suppressions_and_leaves_used_and_suppressed_findings_alone()
    {
        const string pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app.kubernetes.io/name: web, app.kubernetes.io/part-of: acme}\nspec:\n  containers:\n    - name: web\n" +
                           "      # mx-lint: disable=MX1108 nothing to suppress here\n" +
                           "      image: nginx:1.27.3  # mx-lint: disable=MX1101 also nothing\n";
        using var project = LintProject.With(("pod.yaml", pod));
        var report = project.Lint(fix: true);
        Assert.Equal(pod.Replace("      # mx-lint: disable=MX1108 nothing to suppress here\n", "").Replace("  # mx-lint: disable=MX1101 also nothing", ""), project.Read("pod.yaml"));
        Assert.Equal(2, report.Fixes.Count);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX9002");
    }

    [Fact]
    public void Without_fix_no_file_changes()
    {
        using var project = LintProject.Fixture("bad-project");
        var before = Support.DirectorySnapshot.Read(project.Root);
        project.Lint(RecordedTools.ForBadProject());
        Assert.Equal(before, Support.DirectorySnapshot.Read(project.Root));
    }
}
