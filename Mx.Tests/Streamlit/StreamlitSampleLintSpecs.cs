using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Streamlit;

public class StreamlitSampleLintSpecs
{
    [Fact]
    public void The_streamlit_sample_is_clean()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-streamlit"));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        var errors = report.Findings.Where(f => f.Fails).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(f => $"{f.RuleId} {f.Path}:{f.Line} {f.Message}")));
    }

    [Fact]
    public void An_app_route_whose_iap_policy_was_deleted_by_hand_is_found()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-streamlit"));
        var route = Path.Combine(project.Root, "infra", "k8s", "apps", "demo", "route.yaml");
        var text = File.ReadAllText(route);
        File.WriteAllText(route, text[..text.IndexOf("---", StringComparison.Ordinal)]);

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == "MX1110" && f.Path == "infra/k8s/apps/demo/route.yaml");
    }
}
