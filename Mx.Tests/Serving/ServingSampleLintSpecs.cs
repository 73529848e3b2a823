using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Serving;

public class ServingSampleLintSpecs
{
    [Fact]
    public void An_inference_service_template_whose_limits_were_removed_is_found_in_the_sample()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-serving"));
        var template = Path.Combine(project.Root, "infra", "k8s", "serving", "inference-service.yaml");
        var text = File.ReadAllText(template);
        File.WriteAllText(template, text[..text.IndexOf("        limits:", StringComparison.Ordinal)]);

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        var finding = Assert.Single(report.Findings, f => f.RuleId == "MX2111");
        Assert.Equal("infra/k8s/serving/inference-service.yaml", finding.Path);
        Assert.Contains("sets no limits.cpu, limits.memory", finding.Message);
    }
}
