namespace Mx.Generators;

/// <summary>
/// What a generator wants on disk: a pure value. Nothing is written until the applier takes it, so dry runs,
/// diffs, conflict checks and tests all work on the plan.
/// </summary>
public sealed class Plan
{
    public Plan(IEnumerable<FileEffect> files, IEnumerable<string>? deployments = null)
    {
        Files = files.ToArray();
        Deployments = (deployments ?? []).ToArray();
        var duplicate = Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"the plan writes '{duplicate.Key}' twice");
    }

    public IReadOnlyList<FileEffect> Files { get; }

    /// <summary>Platform deployments (kustomize directories under infra/k8s) this plan enables.</summary>
    public IReadOnlyList<string> Deployments { get; }
}
