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

    /// <summary>Waits until the operator has created <paramref name="target"/> (kubectl 1.31 and newer).</summary>
    public static IReadOnlyList<string> WaitCreated(string context, string target) =>
        [.. Kube(context), "wait", "--for=create", target, "--timeout=10m"];

    public static IReadOnlyList<string> FollowLogs(string context, string target) =>
        [.. Kube(context), "logs", "--follow", target, "--pod-running-timeout=30m"];

    public static IReadOnlyList<string> LastLogLines(string context, string target, int lines) =>
        [.. Kube(context), "logs", target, $"--tail={lines}"];

    public static IReadOnlyList<string> ExitCode(string context, string selector) =>
        [.. Kube(context), "get", "pods", "--selector", selector, "--output",
            "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}"];

    public static IReadOnlyList<string> ListJobs(string context) =>
        [.. Kube(context), "get", "jobs", "--selector", "app.kubernetes.io/managed-by=mx", "--sort-by=.metadata.creationTimestamp"];

    /// <summary>Deletes whichever of <paramref name="kinds"/> is called <paramref name="job"/>; prints what it deleted.</summary>
    public static IReadOnlyList<string> Delete(string context, IReadOnlyList<string> kinds, string job) =>
        [.. Kube(context), "delete", string.Join(',', kinds), job, "--ignore-not-found", "--output=name"];

    public static IReadOnlyList<string> ListQueues(string context) => [.. Kube(context), "get", KueueQueue.Resource, "--output", "name"];

    private static string[] Kube(string context) => ["--context", context, "--namespace", Namespace];
}
