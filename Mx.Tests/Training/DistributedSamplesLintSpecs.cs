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
        Assert.DoesNotContain(report.Findings, f => f.IsSuppressed);
    }
}
