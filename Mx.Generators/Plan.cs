namespace Mx.Generators;

/// <summary>
/// What a generator wants on disk: a pure value. Nothing is written until the applier takes it, so dry runs,
/// diffs, conflict checks and tests all work on the plan.
/// </summary>
public sealed class Plan
{
    public Plan(IEnumerable<FileEffect> files, IEnumerable<string>? deployments = null, IEnumerable<FileEdit>? edits = null)
    {
        Files = files.ToArray();
        Deployments = (deployments ?? []).ToArray();
        Edits = (edits ?? []).ToArray();
        var duplicate = Files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"the plan writes '{duplicate.Key}' twice");
    }

    public IReadOnlyList<FileEffect> Files { get; }

    /// <summary>
    /// Platform deployments (kustomize directories under infra/k8s) this plan enables: recorded in state and, unless
    /// the plan writes the platform program itself, added to it by a <see cref="PlatformProgram.Enable(IReadOnlyList{string})"/> edit.
    /// </summary>
    public IReadOnlyList<string> Deployments { get; }

    /// <summary>Structured edits of files the plan does not write whole, applied after its files, in order.</summary>
    public IReadOnlyList<FileEdit> Edits { get; }
}
