using System.Globalization;

namespace Mx.Pulumi.Apps;

/// <summary>The argument lists of <c>mx app</c>'s tools, and the Cloud Build config that builds an app's image stage.</summary>
public static class AppArguments
{
    public static IReadOnlyList<string> DockerBuild(string image, string stage, string projectRoot) => ["build", "--target", stage, "--tag", image, projectRoot];

    public static IReadOnlyList<string> CloudBuild(string config, string gcpProject, string projectRoot) =>
        ["builds", "submit", "--config", config, "--project", gcpProject, projectRoot];

    /// <summary>One docker step that builds <paramref name="stage"/> of the Dockerfile; Cloud Build pushes what <c>images</c> lists.</summary>
    public static string CloudBuildConfig(string image, string stage) => string.Create(CultureInfo.InvariantCulture, $"""
        # mx app deploy: builds the Dockerfile stage {stage}, which 'gcloud builds submit --tag' cannot select.
        steps:
          - name: gcr.io/cloud-builders/docker
            args: ["build", "--target", "{stage}", "--tag", "{image}", "."]
        images:
          - "{image}"

        """);

    public static IReadOnlyList<string> SetImage(string context, string ns, string deployment, string container, string image) =>
        ["--context", context, "--namespace", ns, "set", "image", deployment, $"{container}={image}"];

    public static IReadOnlyList<string> RolloutStatus(string context, string ns, string deployment) =>
        ["--context", context, "--namespace", ns, "rollout", "status", deployment, "--timeout=10m"];

    public static IReadOnlyList<string> Logs(string context, string ns, string deployment, string container, bool follow) =>
        follow
            ? ["--context", context, "--namespace", ns, "logs", deployment, "--container", container, "--tail=100", "--follow"]
            : ["--context", context, "--namespace", ns, "logs", deployment, "--container", container, "--tail=100"];
}
