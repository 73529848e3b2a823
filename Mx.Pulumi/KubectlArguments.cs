namespace Mx.Pulumi;

/// <summary>
/// Every argument list mx uses for <c>kubectl</c>. The <c>config</c> ones only edit the local kubeconfig; the others
/// name their context and namespace (or <c>--all-namespaces</c>) explicitly, so the user's current context never
/// decides where a job goes.
/// </summary>
public static class KubectlArguments
{
    public static IReadOnlyList<string> ClientVersion() => ["version", "--client", "--output", "json"];

    public static IReadOnlyList<string> ContextNames() => ["config", "get-contexts", "--output", "name"];

    public static IReadOnlyList<string> DeleteContext(string name) => ["config", "delete-context", name];

    public static IReadOnlyList<string> RenameContext(string from, string to) => ["config", "rename-context", from, to];

    /// <summary>Applies the manifest written to kubectl's standard input.</summary>
    public static IReadOnlyList<string> Apply(string context, string ns) => [.. Scope(context, ns), "apply", "--filename", "-"];

    /// <summary>Waits until an operator has created <paramref name="target"/> (kubectl 1.31 and newer).</summary>
    public static IReadOnlyList<string> WaitCreated(string context, string ns, string target) =>
        [.. Scope(context, ns), "wait", "--for=create", target, "--timeout=10m"];

    public static IReadOnlyList<string> FollowLogs(string context, string ns, string target) =>
        [.. Scope(context, ns), "logs", "--follow", target, "--pod-running-timeout=30m"];

    public static IReadOnlyList<string> LastLogLines(string context, string ns, string target, int lines) =>
        [.. Scope(context, ns), "logs", target, $"--tail={lines}"];

    /// <summary>The exit code of the first container of the first pod <paramref name="selector"/> matches; empty until it ended.</summary>
    public static IReadOnlyList<string> ExitCode(string context, string ns, string selector) =>
        [.. Scope(context, ns), "get", "pods", "--selector", selector, "--output",
            "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}"];

    /// <summary>The jobs mx labelled as its own, oldest first, as kubectl's table.</summary>
    public static IReadOnlyList<string> ListManagedJobs(string context, string ns) =>
        [.. Scope(context, ns), "get", "jobs", "--selector", "app.kubernetes.io/managed-by=mx", "--sort-by=.metadata.creationTimestamp"];

    /// <summary>Deletes whichever of <paramref name="kinds"/> is called <paramref name="name"/>; prints what it deleted.</summary>
    public static IReadOnlyList<string> Delete(string context, string ns, IReadOnlyList<string> kinds, string name) =>
        [.. Scope(context, ns), "delete", string.Join(',', kinds), name, "--ignore-not-found", "--output=name"];

    /// <summary>One object as JSON.</summary>
    public static IReadOnlyList<string> GetJson(string context, string ns, string resource, string name) =>
        [.. Scope(context, ns), "get", resource, name, "--output", "json"];

    /// <summary>Sets annotations on one object, replacing values it has.</summary>
    public static IReadOnlyList<string> Annotate(string context, string ns, string target, IReadOnlyList<(string Key, string Value)> annotations) =>
        [.. Scope(context, ns), "annotate", target, "--overwrite", .. annotations.Select(a => $"{a.Key}={a.Value}")];

    /// <summary>Prints <c>resource/name</c> if the object exists and nothing if it does not.</summary>
    public static IReadOnlyList<string> NameIfExists(string context, string ns, string resource, string name) =>
        [.. Scope(context, ns), "get", resource, name, "--ignore-not-found", "--output", "name"];

    /// <summary>The objects of <paramref name="resource"/> that <paramref name="selector"/> matches, as a kubectl List.</summary>
    public static IReadOnlyList<string> ListJson(string context, string ns, string resource, string selector) =>
        [.. Scope(context, ns), "get", resource, "--selector", selector, "--output", "json"];

    /// <summary>One container's log of <paramref name="target"/>: the last <paramref name="lines"/> lines, and on as they come when following.</summary>
    public static IReadOnlyList<string> ContainerLogs(string context, string ns, string target, string container, int lines, bool follow) =>
        [.. Scope(context, ns), "logs", target, "--container", container, $"--tail={lines}", .. follow ? new[] { "--follow" } : []];

    public static IReadOnlyList<string> Names(string context, string ns, string resource) =>
        [.. Scope(context, ns), "get", resource, "--output", "name"];

    public static IReadOnlyList<string> PortForward(string context, string ns, string target, int localPort, int remotePort) =>
        [.. Scope(context, ns), "port-forward", target, $"{localPort}:{remotePort}"];

    /// <summary>
    /// A forward from a port kubectl chooses on 127.0.0.1 only (it says which in its "Forwarding from" line), so no
    /// other machine and no fixed port is involved.
    /// </summary>
    public static IReadOnlyList<string> PortForwardAnyLocalPort(string context, string ns, string target, int remotePort) =>
        [.. Scope(context, ns), "port-forward", "--address", "127.0.0.1", target, $":{remotePort}"];

    /// <summary>A forward from <paramref name="localPort"/> of 127.0.0.1 only.</summary>
    public static IReadOnlyList<string> PortForwardLoopback(string context, string ns, string target, int localPort, int remotePort) =>
        [.. Scope(context, ns), "port-forward", "--address", "127.0.0.1", target, $"{localPort}:{remotePort}"];

    /// <summary>The pods <paramref name="selector"/> matches, as a kubectl List.</summary>
    public static IReadOnlyList<string> PodsJson(string context, string ns, string selector) =>
        [.. Scope(context, ns), "get", "pods", "--selector", selector, "--output", "json"];

    /// <summary>Every ClusterQueue and every namespace's LocalQueues, as one kubectl List.</summary>
    public static IReadOnlyList<string> KueueQueues(string context) =>
        ["--context", context, "get", "clusterqueues.kueue.x-k8s.io,localqueues.kueue.x-k8s.io", "--all-namespaces", "--output", "json"];

    /// <summary>Kueue's Workloads of every namespace, as a kubectl List.</summary>
    public static IReadOnlyList<string> Workloads(string context) =>
        ["--context", context, "get", "workloads.kueue.x-k8s.io", "--all-namespaces", "--output", "json"];

    /// <summary>Kueue's Workloads of one namespace, as a kubectl List.</summary>
    public static IReadOnlyList<string> Workloads(string context, string ns) =>
        [.. Scope(context, ns), "get", "workloads.kueue.x-k8s.io", "--output", "json"];

    /// <summary>
    /// The pending workloads of a ClusterQueue in admission order, from Kueue's visibility API (an aggregated API, not
    /// a resource kubectl knows, hence <c>--raw</c>): a <c>PendingWorkloadsSummary</c>.
    /// </summary>
    public static IReadOnlyList<string> PendingWorkloads(string context, string clusterQueue) =>
        ["--context", context, "get", "--raw", $"/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/{clusterQueue}/pendingworkloads"];

    /// <summary>Sets one label of <paramref name="target"/>, replacing its value.</summary>
    public static IReadOnlyList<string> Label(string context, string ns, string target, string key, string value) =>
        [.. Scope(context, ns), "label", target, $"{key}={value}", "--overwrite"];

    /// <summary>The HTTPRoutes of every namespace labelled as app <paramref name="app"/> (mx.dev/app), as JSON.</summary>
    public static IReadOnlyList<string> RoutesOfApp(string context, string app) =>
        ["--context", context, "get", "httproutes.gateway.networking.k8s.io", "--all-namespaces", "--selector", $"mx.dev/app={app}", "--output", "json"];

    /// <summary>The pods and volume claims <paramref name="selector"/> matches, as one kubectl List.</summary>
    public static IReadOnlyList<string> PodsAndClaims(string context, string ns, string selector) =>
        [.. Scope(context, ns), "get", "pods,persistentvolumeclaims", "--selector", selector, "--output", "json"];

    /// <summary>The pods and volume claims <paramref name="selector"/> matches in every namespace, as one kubectl List.</summary>
    public static IReadOnlyList<string> PodsAndClaimsEverywhere(string context, string selector) =>
        ["--context", context, "get", "pods,persistentvolumeclaims", "--all-namespaces", "--selector", selector, "--output", "json"];

    /// <summary>The events about one pod, as a kubectl List.</summary>
    public static IReadOnlyList<string> PodEvents(string context, string ns, string pod) =>
        [.. Scope(context, ns), "get", "events", "--field-selector", $"involvedObject.kind=Pod,involvedObject.name={pod}", "--output", "json"];

    /// <summary>Deletes every object of <paramref name="kinds"/> that <paramref name="selector"/> matches, waiting until they are gone.</summary>
    public static IReadOnlyList<string> DeleteSelected(string context, string ns, IReadOnlyList<string> kinds, string selector) =>
        [.. Scope(context, ns), "delete", string.Join(',', kinds), "--selector", selector, "--ignore-not-found", "--output=name"];

    private static string[] Scope(string context, string ns) => ["--context", context, "--namespace", ns];
}
