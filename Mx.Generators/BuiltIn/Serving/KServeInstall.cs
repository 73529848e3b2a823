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

    public static FileEdit Edit(IReadOnlyDictionary<string, object?> model) =>
        ClusterProgramFragment.EditPlatform(Fragment, ResourcePrefix,
            $"install KServe {ModelServing.KServeVersion} and cert-manager {ModelServing.CertManagerVersion}", model);
}
