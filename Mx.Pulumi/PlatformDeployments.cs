using System.Text.RegularExpressions;
using Mx.Generators;
using Mx.Pulumi.Yaml;

namespace Mx.Pulumi;

/// <summary>
/// Platform deployments: kustomize directories under <c>infra/k8s/&lt;name&gt;</c> that the platform program applies
/// as <c>kubernetes:kustomize/v2:Directory</c> resources named after them.
/// </summary>
public static partial class PlatformDeployments
{
    public const string ProgramPath = "infra/pulumi/platform/Main.yaml";

    /// <summary>Directories under infra/k8s that hold a kustomization (job templates and the like do not).</summary>
    public static IReadOnlyList<string> Available(string root)
    {
        var k8s = Path.Combine(root, "infra", "k8s");
        if (!Directory.Exists(k8s)) return [];
        return Directory.EnumerateDirectories(k8s)
            .Where(dir => new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" }.Any(f => File.Exists(Path.Combine(dir, f))))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The resource that applies deployment <paramref name="name"/>, through the provider the platform program declares.</summary>
    public static YamlTree Resource(string name)
    {
        var resource = YamlTree.Map(
            ("type", YamlTree.Scalar("kubernetes:kustomize/v2:Directory")),
            ("properties", YamlTree.Map(("directory", YamlTree.Scalar($"../../k8s/{name}")))),
            ("options", YamlTree.Map(("provider", YamlTree.Scalar("${kubernetes}")))));
        resource.CommentsBefore.Add($"infra/k8s/{name}, enabled with 'mx deploy {name}'.");
        return resource;
    }

    /// <summary>
    /// A resource already in the program enables the deployment when it applies the same kustomize directory;
    /// its options (a generator may add <c>dependsOn</c>) are its own business.
    /// </summary>
    private static bool AppliesSameDirectory(YamlTree existing, YamlTree added) =>
        existing is YamlMap resource && added is YamlMap wanted
        && resource.Get("type") is { } type && type.SameContent(wanted.Get("type")!)
        && (resource.Get("properties") as YamlMap)?.Get("directory") is { } directory
        && directory.SameContent(((YamlMap)wanted.Get("properties")!).Get("directory")!);

    /// <summary>The platform program with every named deployment added, and whether it changed.</summary>
    public static (string Text, bool Changed) Enable(string program, IEnumerable<string> names)
    {
        var resources = names.Distinct().ToDictionary(n => n, n => Resource(n), StringComparer.Ordinal);
        foreach (var name in resources.Keys)
            if (!DnsLabel().IsMatch(name))
                throw new MxException($"'{name}' cannot name a deployment: use a DNS label (lowercase letters, digits and '-').");
        return PulumiProgramEditor.Merge(program, ProgramPath, new Dictionary<string, IReadOnlyDictionary<string, YamlTree>>
        {
            ["resources"] = resources.ToDictionary(r => r.Key, r => (YamlTree)r.Value),
        }, AppliesSameDirectory);
    }

    /// <summary>
    /// Enables deployments in a project: adds their resources to the platform program and records them in
    /// state. The program's recorded hash follows the edit only when the file was still as mx wrote it, so a
    /// user's own edits keep counting as theirs. Returns whether the program changed.
    /// </summary>
    public static bool EnableInProject(string root, IReadOnlyList<string> names)
    {
        var available = Available(root);
        foreach (var name in names)
            if (!available.Contains(name))
                throw new MxException($"There is no deployment '{name}': infra/k8s/{name} does not exist or holds no kustomization.yaml. " +
                                      $"Available: {(available.Count == 0 ? "none" : string.Join(", ", available))} (see 'mx deploy --list').");
        var path = ProjectPaths.Resolve(root, ProgramPath);
        if (!File.Exists(path))
            throw new MxException($"{ProgramPath} does not exist; restore it with 'mx generate MLProjectSkeleton'.");
        var before = File.ReadAllText(path);
        var (after, changed) = Enable(before, names);
        var state = StateFile.Load(root) ?? throw new MxException($"{root} has no {StateFile.RelativePath}.");
        if (changed) WriteAtomically(path, after);
        var files = new SortedDictionary<string, string>(state.Files.ToDictionary(), StringComparer.Ordinal);
        if (changed && files.TryGetValue(ProgramPath, out var recorded) && recorded == ContentHash.Of(before))
            files[ProgramPath] = ContentHash.Of(after);
        StateFile.Save(root, state with
        {
            Deployments = state.Deployments.Union(names).Order(StringComparer.Ordinal).ToArray(),
            Files = files,
        });
        return changed;
    }

    private static void WriteAtomically(string path, string content)
    {
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temp, content, new System.Text.UTF8Encoding(false));
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
