namespace Mx.Pulumi.Training;

/// <summary>
/// The argument lists <c>mx run</c> uses for git, docker and Cloud Build, as pure functions; its kubectl calls are
/// <see cref="KubectlArguments"/>'s, in <see cref="Namespace"/>.
/// </summary>
public static class RunArguments
{
    /// <summary>The namespace jobs run in.</summary>
    public const string Namespace = "training";

    public static IReadOnlyList<string> GitHead() => ["rev-parse", "--short=12", "HEAD"];

    public static IReadOnlyList<string> GitStatus() => ["status", "--porcelain"];

    public static IReadOnlyList<string> DockerBuild(string image, string projectRoot) => ["build", "--tag", image, projectRoot];

    /// <summary>Builds one stage of the project's Dockerfile (the workspace image).</summary>
    public static IReadOnlyList<string> DockerBuild(string image, string projectRoot, string target) => ["build", "--target", target, "--tag", image, projectRoot];

    public static IReadOnlyList<string> DockerPush(string image) => ["push", image];

    /// <summary>Cloud Build builds from the project's Dockerfile, so no local Docker daemon is needed.</summary>
    public static IReadOnlyList<string> CloudBuild(string image, string gcpProject, string projectRoot) =>
        ["builds", "submit", "--tag", image, "--project", gcpProject, projectRoot];
}
