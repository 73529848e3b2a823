namespace Mx.Generators.BuiltIn.Skeleton;

/// <summary>
/// The answers of <see cref="MLProjectSkeleton"/> that other parts of mx act on, typed, and the names derived from
/// them, so that the registry and the state bucket are named in one place for the templates, mx up, mx run and mx lint.
/// </summary>
internal sealed record SkeletonAnswers(string ProjectName, string GcpProject, string Region, string Zone, string GpuType, int GpuCount, int GpuMaxNodes)
{
    /// <summary>The Artifact Registry repository the project's images are pushed to.</summary>
    public string Registry => RegistryName(Region, GcpProject, ProjectName);

    /// <summary>The bucket the cluster program adopts for Pulumi's state, and mx up's default backend.</summary>
    public string StateBucket => StateBucketName(GcpProject, ProjectName);

    /// <summary>The skeleton's Artifact Registry repository of Python packages, as pip and twine address it.</summary>
    public string PythonRegistry => $"{Region}-python.pkg.dev/{GcpProject}/{ProjectName}-python";

    /// <summary>
    /// A Docker repository with mutable tags for CI's layer cache: the images repository's tags are immutable, so a cache
    /// tag that moves with every build of the main branch cannot live there.
    /// </summary>
    public string BuildCacheRegistry => $"{Region}-docker.pkg.dev/{GcpProject}/{ProjectName}-build-cache";

    /// <summary>The private bucket CI publishes the project's HTML docs to.</summary>
    public string DocsBucket => $"{GcpProject}-{ProjectName}-docs";

    public static SkeletonAnswers From(Answers answers) => new(
        answers.GetString("project_name"), answers.GetString("gcp_project"), answers.GetString("region"), answers.GetString("zone"),
        answers.GetString("gpu_type"), answers.GetInt("gpu_count"), answers.GetInt("gpu_max_nodes"));

    /// <summary>The registry, or null when the answers that name it are not all there (a project mx lint reads half-made).</summary>
    public static string? RegistryOf(Answers answers) =>
        answers.TryGetValue("region", out var region) && answers.TryGetValue("gcp_project", out var project) && answers.TryGetValue("project_name", out var name)
            ? RegistryName((string)region, (string)project, (string)name)
            : null;

    public static string StateBucketName(string gcpProject, string projectName) => $"{gcpProject}-{projectName}-state";

    private static string RegistryName(string region, string gcpProject, string projectName) => $"{region}-docker.pkg.dev/{gcpProject}/{projectName}-images";
}
