using Mx.Tests.Support;

namespace Mx.Tests.Lint;

/// <summary>MX1102 on a TrainJob: resources belong in spec.trainer.resourcesPerNode, never in a runtime patch.</summary>
public class TrainJobResourcesSpecs
{
    private static readonly string TrainJob =
        File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision-distributed", "infra", "k8s", "jobs", "train_distributed.yaml"));

    private static IReadOnlyList<string> Mx1102(string yaml)
    {
        using var project = LintProject.With(("k8s/train.yaml", yaml));
        return project.Lint(new RecordedTools("", "")).Findings.Where(f => f.RuleId == "MX1102" && !f.IsSuppressed).Select(f => f.Message).ToList();
    }

    [Fact]
    public void A_trainjob_with_resources_per_node_and_a_patch_without_resources_passes()
    {
        Assert.Contains("runtimePatches:", TrainJob);
        Assert.Empty(Mx1102(TrainJob));
    }

    [Fact]
    public void A_trainjob_without_cpu_and_memory_limits_per_node_is_reported()
    {
        var withoutLimits = TrainJob.Replace("        cpu: \"4\"\n        memory: 16Gi\n", "");
        Assert.NotEqual(TrainJob, withoutLimits);
        var message = Assert.Single(Mx1102(withoutLimits));
        Assert.Contains("sets no spec.trainer.resourcesPerNode limits.cpu, limits.memory", message);
    }
}
