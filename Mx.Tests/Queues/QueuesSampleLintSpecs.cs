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

    [Fact]
    public void A_pool_shrunk_below_its_queues_quota_is_found_in_the_sample()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-queues"));
        var cluster = Path.Combine(project.Root, "infra", "pulumi", "cluster", "Main.yaml");
        var text = File.ReadAllText(cluster);
        var pool = text.IndexOf("queuePool-l4-1:", StringComparison.Ordinal);
        var max = text.IndexOf("maxNodeCount: 2", pool, StringComparison.Ordinal);
        File.WriteAllText(cluster, string.Concat(text.AsSpan(0, max), "maxNodeCount: 1", text.AsSpan(max + "maxNodeCount: 2".Length)));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        var finding = Assert.Single(report.Findings, f => f.RuleId == "MX2107");
        Assert.Equal("infra/k8s/gpu-queues/queues.yaml", finding.Path);
        Assert.Contains("ClusterQueue 'l4-1' gives flavor 'l4-1' a quota of 2 GPUs, more than its node pool can hold (queuePool-l4-1: 1 nodes x 1 = 1)", finding.Message);
    }

    [Fact]
    public void A_job_template_without_its_queue_label_is_found_in_the_teams_sample()
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, "acme-vision-teams"));
        var job = Path.Combine(project.Root, "infra", "k8s", "jobs", "train_job.yaml");
        File.WriteAllText(job, File.ReadAllText(job).Replace("    kueue.x-k8s.io/queue-name: l4-1\n", "", StringComparison.Ordinal));

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.Contains(report.Findings, f => f.RuleId == "MX2108" && f.Path == "infra/k8s/jobs/train_job.yaml");
    }
}
