using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// LabelingTool's part of the platform program, as a structured edit merged by name: the <c>label</c> namespace, the
/// database and cache passwords (random, kept in the encrypted stack state and the cluster, never in git) in a Secret,
/// and the kustomize directory, applied after both.
/// </summary>
internal static class LabelingPlatform
{
    private const string Fragment = "LabelingToolPlatformProgram";

    public static FileEdit Edit(IReadOnlyDictionary<string, object?> model)
    {
        var fragment = ClusterProgramFragment.Render(Fragment, model);
        return new FileEdit(PlatformProgram.Path, "add the labeling tool's namespace, its generated passwords and infra/k8s/label",
            program => Apply(program, fragment));
    }

    private static string Apply(string program, string fragment)
    {
        var document = YamlDocument.Parse(program, PlatformProgram.Path);
        var additions = YamlDocument.Parse(fragment, Fragment + "/Main.yaml");
        if (document.Root is not YamlMap root || root.Get("resources") is not YamlMap resources || additions.Root is not YamlMap added
            || added.Get("resources") is not YamlMap entries)
            throw new MxException($"{PlatformProgram.Path} has no 'resources' mapping, so mx cannot add the labeling tool to it. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        return ClusterProgramFragment.Merge(resources, entries.Entries, name => name.StartsWith(Cvat.ResourcePrefix, StringComparison.Ordinal))
            ? document.Write() : program;
    }
}
