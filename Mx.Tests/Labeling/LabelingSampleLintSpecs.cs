using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Labeling;

public class LabelingSampleLintSpecs
{
    [Fact]
    public void The_label_sample_is_clean()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-label"));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        var errors = report.Findings.Where(f => f.Fails).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(f => $"{f.RuleId} {f.Path}:{f.Line} {f.Message}")));
    }

    [Theory]
    [InlineData("workers.yaml", "          image: cvat/server:v2.76.0", "          image: cvat/server", "MX1101")]
    [InlineData("ui.yaml", "        runAsNonRoot: true\n", "", "MX1107")]
    [InlineData("opa.yaml", "            requests:\n              cpu: 50m\n              memory: 128Mi\n", "", "MX1102")]
    public void The_existing_kubernetes_rules_cover_cvats_manifests(string file, string from, string to, string rule)
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-label"));
        var path = Path.Combine(project.Root, "infra", "k8s", "label", file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == rule && f.Path == $"infra/k8s/label/{file}");
    }

    [Fact]
    public void A_cvat_route_whose_iap_policy_was_deleted_by_hand_is_found()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-label"));
        var route = Path.Combine(project.Root, "infra", "k8s", "label", "route.yaml");
        var text = File.ReadAllText(route);
        var documents = text.Split("---\n");
        File.WriteAllText(route, string.Join("---\n", documents.Where(d => !(d.Contains("kind: GCPBackendPolicy", StringComparison.Ordinal) && d.Contains("  name: cvat-api\n", StringComparison.Ordinal)))));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == "MX1110" && f.Path == "infra/k8s/label/route.yaml");
    }
}
