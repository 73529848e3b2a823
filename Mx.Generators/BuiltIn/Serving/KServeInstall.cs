using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// KServe and cert-manager in the skeleton's platform program, as a structured edit: pinned Helm releases rendered
/// from the <c>ModelServingPlatformProgram</c> fragment and merged by name. Helm releases rather than rendered
/// manifests, because KServe's own install path is its charts (hack/setup/infra/manage.kserve-helm.sh) and its CRDs
/// alone are thousands of lines a project should not carry and review; a chart version pins every object and image
/// the same way, and upgrading is one version in one place.
/// </summary>
internal static class KServeInstall
{
    /// <summary>Program resource names of the releases start with this, which the skeleton's names never do.</summary>
    public const string ResourcePrefix = "kserve";

    private const string Fragment = "ModelServingPlatformProgram";

    public static FileEdit Edit(IReadOnlyDictionary<string, object?> model)
    {
        var fragment = ClusterProgramFragment.Render(Fragment, model);
        return new FileEdit(PlatformProgram.Path, $"install KServe {ModelServing.KServeVersion} and cert-manager {ModelServing.CertManagerVersion}",
            program => Apply(program, fragment));
    }

    private static string Apply(string program, string fragment)
    {
        var document = YamlDocument.Parse(program, PlatformProgram.Path);
        var additions = YamlDocument.Parse(fragment, Fragment + "/Main.yaml");
        if (document.Root is not YamlMap root || root.Get("resources") is not YamlMap resources || additions.Root is not YamlMap added
            || added.Get("resources") is not YamlMap releases)
            throw new MxException($"{PlatformProgram.Path} has no 'resources' mapping, so mx cannot add KServe's Helm releases to it. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        return ClusterProgramFragment.Merge(resources, releases.Entries, name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            ? document.Write() : program;
    }
}
