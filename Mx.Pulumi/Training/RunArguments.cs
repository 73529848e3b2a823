namespace Mx.Pulumi.Training;

/// <summary>The argument lists <c>mx run</c> uses for git, docker, gcloud and kubectl, as pure functions.</summary>
public static class RunArguments
{
    public const string Namespace = "training";

    public static IReadOnlyList<string> GitHead() => ["rev-parse", "--short=12", "HEAD"];

    public static IReadOnlyList<string> GitStatus() => ["status", "--porcelain"];

    public static IReadOnlyList<string> DockerBuild(string image, string projectRoot) => ["build", "--tag", image, projectRoot];

    public static IReadOnlyList<string> DockerPush(string image) => ["push", image];

    /// <summary>Cloud Build builds from the project's Dockerfile, so no local Docker daemon is needed.</summary>
    public static IReadOnlyList<string> CloudBuild(string image, string gcpProject, string projectRoot) =>
        ["builds", "submit", "--tag", image, "--project", gcpProject, projectRoot];

    public static IReadOnlyList<string> Apply(string context) => [.. Kube(context), "apply", "--filename", "-"];

    public static IReadOnlyList<string> FollowLogs(string context, string job) =>
        [.. Kube(context), "logs", "--follow", $"job/{job}", "--pod-running-timeout=30m"];

    public static IReadOnlyList<string> LastLogLines(string context, string job, int lines) =>
        [.. Kube(context), "logs", $"job/{job}", $"--tail={lines}"];

    public static IReadOnlyList<string> ExitCode(string context, string job) =>
        [.. Kube(context), "get", "pods", "--selector", $"job-name={job}", "--output",
            "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}"];

    public static IReadOnlyList<string> ListJobs(string context) =>
        [.. Kube(context), "get", "jobs", "--selector", "app.kubernetes.io/managed-by=mx", "--sort-by=.metadata.creationTimestamp"];

    public static IReadOnlyList<string> Delete(string context, string job) => [.. Kube(context), "delete", "job", job];

    private static string[] Kube(string context) => ["--context", context, "--namespace", Namespace];
}
