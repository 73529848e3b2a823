namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// LabelingTool's part of the platform program, as a structured edit merged by name: the <c>label</c> namespace, the
/// database and cache passwords (random, kept in the encrypted stack state and the cluster, never in git) in a Secret,
/// and the kustomize directory, applied after both.
/// </summary>
internal static class LabelingPlatform
{
    private const string Fragment = "LabelingToolPlatformProgram";

    public static FileEdit Edit(IReadOnlyDictionary<string, object?> model) =>
        ClusterProgramFragment.EditPlatform(Fragment, Cvat.ResourcePrefix,
            "add the labeling tool's namespace, its generated passwords and infra/k8s/label", model);
}
