using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Queues;

public class QueuesSampleLintSpecs
{
    [Fact]
    public void A_flavor_whose_shape_lost_its_pool_is_found_in_the_sample()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-queues"));
        var cluster = Path.Combine(project.Root, "infra", "pulumi", "cluster", "Main.yaml");
        File.WriteAllText(cluster, File.ReadAllText(cluster).Replace("mx.dev/shape: l4-2", "mx.dev/shape: l4-two", StringComparison.Ordinal));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == "MX2106" && f.Path == "infra/k8s/gpu-queues/queues.yaml" && f.Message.Contains("mx.dev/shape=l4-2", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX2106" && f.Message.Contains("l4-1", StringComparison.Ordinal));
    }
}
