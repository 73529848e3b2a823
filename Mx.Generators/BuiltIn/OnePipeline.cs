namespace Mx.Generators.BuiltIn;

/// <summary>
/// A project has one CI/CD pipeline: CloudBuild and GitHubActions both publish the image, the Python package and the
/// docs to the same bucket, and their programs would both declare that bucket, which pulumi refuses at <c>mx up</c>.
/// So the second is refused when it is planned, before anything is written.
/// </summary>
internal static class OnePipeline
{
    /// <summary>The pipelines, each with the cluster program resource of the docs bucket it publishes to.</summary>
    public static IReadOnlyDictionary<string, string> DocsBucketResources { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [CloudBuild.CloudBuild.GeneratorName] = CloudBuild.CloudBuild.DocsBucketResource,
        [GitHubActions.GitHubActions.GeneratorName] = GitHubActions.GitHubActions.DocsBucketResource,
    };

    private static IEnumerable<string> Pipelines => DocsBucketResources.Keys;

    /// <summary>The pipeline the project has applied, or null.</summary>
    public static string? Applied(ProjectState state) => Pipelines.FirstOrDefault(state.HasApplied);

    public static void RefuseBeside(string generator, ProjectState state)
    {
        foreach (var other in Pipelines)
            if (other != generator && state.HasApplied(other))
                throw new MxException(
                    $"This project's pipeline is already {other}, and a project has one: {generator} and {other} both publish the image, " +
                    $"the Python package and the docs (to the same bucket). Keep {other}, or remove it with 'mx destroy {other}' and run " +
                    $"'mx generate {generator}' again.");
    }
}
