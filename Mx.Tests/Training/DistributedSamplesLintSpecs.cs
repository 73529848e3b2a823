using Mx.Lint;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

public class DistributedSamplesLintSpecs
{
    [Theory]
    [InlineData("acme-vision-distributed")]
    [InlineData("acme-vision-distributed-pytorchjob")]
    public void The_distributed_golden_samples_lint_clean(string sample)
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, sample));
        // The real tools (flake8, black) when they are installed; without them the Python files are only checked for secrets.
        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });
        var unsuppressed = report.Findings.Where(f => !f.IsSuppressed).ToArray();
        Assert.True(unsuppressed.Length == 0, string.Join("\n", unsuppressed));
        Assert.Equal(0, report.ExitCode);
        // The one suppression: MX1102 reads a TrainJob's runtime patch as a pod, but resources live in resourcesPerNode.
        Assert.All(report.Findings.Where(f => f.IsSuppressed), f => Assert.Equal(("MX1102", "infra/k8s/jobs/train_distributed.yaml"), (f.RuleId, f.Path)));
    }
}
