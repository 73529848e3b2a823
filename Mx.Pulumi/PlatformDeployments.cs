using Mx.Generators;

namespace Mx.Pulumi;

/// <summary>
/// Platform deployments: kustomize directories under <c>infra/k8s/&lt;name&gt;</c> that the platform program applies
/// as <c>kubernetes:kustomize/v2:Directory</c> resources named after them.
/// </summary>
public static class PlatformDeployments
{
    /// <summary>Directories under infra/k8s that hold a kustomization (job templates and the like do not).</summary>
    public static IReadOnlyList<string> Available(string root)
    {
        var k8s = Path.Combine(root, "infra", "k8s");
        if (!Directory.Exists(k8s)) return [];
        return Directory.EnumerateDirectories(k8s)
            .Where(dir => new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" }.Any(f => File.Exists(Path.Combine(dir, f))))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Enables deployments in a project: a plan that records them in state and adds them to the platform program as
    /// a structured edit, applied by the same engine as every generator, so a user's edits to the program stay and
    /// stay theirs. A dry run shows the change and writes nothing.
    /// </summary>
    internal static GenerateOutcome EnableInProject(string root, IReadOnlyList<string> names, bool dryRun = false)
    {
        var available = Available(root);
        foreach (var name in names)
            if (!available.Contains(name))
                throw new MxException($"There is no deployment '{name}': infra/k8s/{name} does not exist or holds no kustomization.yaml. " +
                                      $"Available: {(available.Count == 0 ? "none" : string.Join(", ", available))} (see 'mx deploy --list').");
        if (!File.Exists(ProjectPaths.Resolve(root, PlatformProgram.Path)))
            throw new MxException($"{PlatformProgram.Path} does not exist; restore it with 'mx generate MLProjectSkeleton'.");
        var service = new GenerationService(new GeneratorCatalog(Array.Empty<IGenerator>()), prompter: null);
        return service.Apply(root, "mx deploy", new Plan([], names, [PlatformProgram.Enable(names)]), dryRun);
    }
}
