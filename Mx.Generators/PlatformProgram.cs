using System.Text.RegularExpressions;
using Mx.Generators.Yaml;

namespace Mx.Generators;

/// <summary>
/// The platform program, <c>infra/pulumi/platform/Main.yaml</c>: it applies each enabled deployment (a kustomize
/// directory under <c>infra/k8s/&lt;name&gt;</c>) as a <c>kubernetes:kustomize/v2:Directory</c> resource named after
/// it. Enabling a deployment is a structured edit of that file, which any plan can carry.
/// </summary>
public static partial class PlatformProgram
{
    public const string Path = "infra/pulumi/platform/Main.yaml";

    /// <summary>The edit that adds every named deployment to the platform program (unchanged when it is there already).</summary>
    public static FileEdit Enable(IReadOnlyList<string> names)
    {
        RequireDnsLabels(names);
        return new FileEdit(Path, $"enable {string.Join(", ", names)}", program => Enable(program, names).Text);
    }

    /// <summary>The edit that takes the named deployments out of the platform program again (what <c>mx destroy</c> reverts).</summary>
    public static FileEdit Disable(IReadOnlyList<string> names) =>
        new(Path, $"remove {string.Join(", ", names)}", program => PulumiProgramEditor.Remove(program, Path, "resources", names,
            resource => names.Any(name => AppliesSameDirectory(resource, Resource(name)))));

    /// <summary>
    /// The resource that applies deployment <paramref name="name"/>, through the provider the platform program
    /// declares, after the program's namespaces exist: a deployment's objects may live in any of them, and on a
    /// first <c>mx up</c> nothing may race the namespace it needs.
    /// </summary>
    internal static YamlTree Resource(string name, IReadOnlyList<string>? namespaces = null)
    {
        var options = YamlTree.Map(("provider", YamlTree.Scalar("${kubernetes}")));
        if (namespaces is { Count: > 0 })
            options.Set("dependsOn", YamlTree.List([.. namespaces.Select(n => (YamlTree)YamlTree.Scalar($"${{{n}}}"))]));
        var resource = YamlTree.Map(
            ("type", YamlTree.Scalar("kubernetes:kustomize/v2:Directory")),
            ("properties", YamlTree.Map(("directory", YamlTree.Scalar($"../../k8s/{name}")))),
            ("options", options));
        resource.CommentsBefore.Add($"infra/k8s/{name}, enabled with 'mx deploy {name}'.");
        return resource;
    }

    /// <summary>The names of the program's Namespace resources, in program order.</summary>
    private static IReadOnlyList<string> Namespaces(string program)
    {
        var document = YamlDocument.Parse(program, Path);
        if (document.Root is not YamlMap root || root.Get("resources") is not YamlMap resources) return [];
        return resources.Entries.Where(e => e.Value is YamlMap r && (r.Get("type") as YamlScalar)?.Value == "kubernetes:core/v1:Namespace")
            .Select(e => e.Key.Value).ToArray();
    }

    /// <summary>The platform program with every named deployment added, and whether it changed.</summary>
    internal static (string Text, bool Changed) Enable(string program, IEnumerable<string> names)
    {
        var namespaces = Namespaces(program);
        var resources = names.Distinct().ToDictionary(n => n, n => Resource(n, namespaces), StringComparer.Ordinal);
        RequireDnsLabels(resources.Keys);
        return PulumiProgramEditor.Merge(program, Path, new Dictionary<string, IReadOnlyDictionary<string, YamlTree>>
        {
            ["resources"] = resources.ToDictionary(r => r.Key, r => (YamlTree)r.Value),
        }, AppliesSameDirectory);
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

    private static void RequireDnsLabels(IEnumerable<string> names)
    {
        foreach (var name in names)
            if (!DnsLabel().IsMatch(name))
                throw new MxException($"'{name}' cannot name a deployment: use a DNS label (lowercase letters, digits and '-').");
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
