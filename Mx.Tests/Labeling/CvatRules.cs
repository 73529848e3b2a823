using System.Text.Json.Nodes;

namespace Mx.Tests.Labeling;

/// <summary>
/// What CVAT's server and workers need of their pods beyond a valid schema, at the pinned release, each rule naming its
/// upstream source (cvat-ai/cvat): the settings they read from the environment, the hosts they expect, and the shared
/// data volume; and what the restricted Pod Security Standard asks of every pod of the namespace.
/// </summary>
public static class CvatRules
{
    /// <summary>
    /// cvat/settings/base.py reads the database (DATABASES: CVAT_POSTGRES_*) and the two Redis-protocol stores
    /// (CVAT_REDIS_INMEM_* for RQ's queues, CVAT_REDIS_ONDISK_* for the media cache) from these; the Helm chart's
    /// cvat.sharedBackendEnv sets every one on the server, each worker and the initializer.
    /// </summary>
    public static readonly string[] BackendEnvironment =
    [
        "CVAT_POSTGRES_HOST", "CVAT_POSTGRES_PORT", "CVAT_POSTGRES_DBNAME", "CVAT_POSTGRES_USER", "CVAT_POSTGRES_PASSWORD",
        "CVAT_REDIS_INMEM_HOST", "CVAT_REDIS_INMEM_PORT", "CVAT_REDIS_INMEM_PASSWORD",
        "CVAT_REDIS_ONDISK_HOST", "CVAT_REDIS_ONDISK_PORT", "CVAT_REDIS_ONDISK_PASSWORD",
    ];

    /// <summary>
    /// The queues backend_entrypoint.d/cvat.conf defines: 'run worker QUEUE...' (backend_entrypoint.sh) fails with
    /// "Unexpected worker" for any other, and a queue no worker serves leaves its jobs waiting forever.
    /// </summary>
    public static readonly string[] Queues = ["annotation", "chunks", "consensus", "export", "import", "quality_reports", "cleaning", "webhooks", "notifications"];

    /// <summary>The paths CVAT's traefik rule sends to the server (docker-compose.yml, cvat_server's labels); the rest is the UI's.</summary>
    public static readonly string[] ServerPaths = ["/api", "/static", "/admin", "/django-rq"];

    /// <summary>The sysctls the baseline (and so the restricted) Pod Security Standard allows (Pod Security Standards, "Sysctls").</summary>
    private static readonly string[] SafeSysctls =
        ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range"];

    /// <summary>Volume types the restricted Pod Security Standard allows ("Volume Types").</summary>
    private static readonly string[] RestrictedVolumes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    /// <summary>Every problem of the namespace's objects; empty when CVAT would start and find its parts.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<JsonNode> objects, IReadOnlyCollection<string> secretKeys)
    {
        var problems = new List<string>();
        var services = objects.Where(o => Kind(o) == "Service").ToDictionary(Name, StringComparer.Ordinal);
        var hosts = objects.Where(o => Kind(o) == "HTTPRoute").SelectMany(r => r["spec"]!["hostnames"]!.AsArray()).Select(h => Str(h)!).Distinct().ToArray();
        foreach (var workload in objects.Where(o => Kind(o) is "Deployment" or "StatefulSet" or "Job"))
        {
            var pod = workload["spec"]!["template"]!;
            var spec = pod["spec"]!;
            var labels = pod["metadata"]!["labels"]!.AsObject();
            var where = $"{Kind(workload)} {Name(workload)}";
            problems.AddRange(Restricted(where, spec));
            foreach (var container in Containers(spec))
            {
                var env = (container["env"]?.AsArray() ?? []).Select(e => e!).ToDictionary(e => Str(e["name"])!, StringComparer.Ordinal);
                foreach (var reference in env.Values.Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>())
                    if (!secretKeys.Contains(Str(reference["key"])!)) problems.Add($"{where}: reads key {Str(reference["key"])} the Secret does not have");
                if (Str(container["image"])?.StartsWith("cvat/server:", StringComparison.Ordinal) != true) continue;
                foreach (var name in BackendEnvironment.Where(n => !env.ContainsKey(n))) problems.Add($"{where}: CVAT reads {name}, which is not set");
                // The hosts and ports name Services of the namespace that serve that port.
                foreach (var (host, port) in new[] { ("CVAT_POSTGRES_HOST", "CVAT_POSTGRES_PORT"), ("CVAT_REDIS_INMEM_HOST", "CVAT_REDIS_INMEM_PORT"), ("CVAT_REDIS_ONDISK_HOST", "CVAT_REDIS_ONDISK_PORT") })
                    if (env.TryGetValue(host, out var h) && env.TryGetValue(port, out var p)
                        && (!services.TryGetValue(Str(h["value"]) ?? "", out var service) || !Ports(service).Contains(Str(p["value"])!)))
                        problems.Add($"{where}: {host}={Str(h["value"])}:{Str(p["value"])} is no Service port of the namespace");
                // settings/base.py: ALLOWED_HOSTS defaults to localhost,127.0.0.1, so Django answers 400 to the route's host
                // (and to the probes, which come by pod IP) unless the server allows them.
                if ((container["args"]?.AsArray() ?? []).Select(Str).SequenceEqual(["run", "server"]))
                {
                    var allowed = env.TryGetValue("ALLOWED_HOSTS", out var a) ? (Str(a["value"]) ?? "").Split(',') : [];
                    foreach (var host in hosts.Where(h => !allowed.Contains("*") && !allowed.Contains(h)))
                        problems.Add($"{where}: Django's ALLOWED_HOSTS refuses {host}");
                }
                // settings/base.py: IAM_OPA_HOST = 'http://opa:8181'.
                if (!services.TryGetValue("opa", out var opa) || !Ports(opa).Contains("8181")) problems.Add($"{where}: CVAT asks OPA at http://opa:8181, which no Service serves");
                // Data, keys (Django's secret key, settings/base.py) and logs live under /home/django and outlive the pod.
                var mounts = (container["volumeMounts"]?.AsArray() ?? []).Select(m => Str(m!["mountPath"])).ToHashSet(StringComparer.Ordinal);
                foreach (var path in new[] { "/home/django/data", "/home/django/keys", "/home/django/logs" }.Where(p => !mounts.Contains(p)))
                    problems.Add($"{where}: {path} is not on the data volume");
                // The chart's pod affinity: pods sharing a ReadWriteOnce volume must run on one node, and the first pod
                // schedules only if it matches its own term.
                var term = spec["affinity"]?["podAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?[0];
                var selector = term?["labelSelector"]?["matchLabels"]?.AsObject();
                if (term is null || Str(term["topologyKey"]) != "kubernetes.io/hostname" || selector is null
                    || selector.Any(s => Str(labels[s.Key]) != Str(s.Value)))
                    problems.Add($"{where}: mounts the ReadWriteOnce data volume without pod affinity to the other pods on one node");
                if (Kind(workload) == "Deployment" && Str(workload["spec"]!["strategy"]?["type"]) != "Recreate")
                    problems.Add($"{where}: a rolling update would start a second pod on the ReadWriteOnce data volume before the first lets go");
            }
            // GKE Cloud Storage FUSE: the webhook injects its sidecar only into pods annotated gke-gcsfuse/volumes, and
            // the driver authenticates as the pod's Kubernetes service account (workload identity).
            if (Volumes(spec).Any(v => Str(v["csi"]?["driver"]) == "gcsfuse.csi.storage.gke.io"))
            {
                if (Str(pod["metadata"]!["annotations"]?["gke-gcsfuse/volumes"]) != "true") problems.Add($"{where}: mounts a bucket without gke-gcsfuse/volumes: \"true\"");
                if (spec["serviceAccountName"] is null) problems.Add($"{where}: mounts a bucket as the default service account");
            }
        }
        // backend_entrypoint.sh: 'run server', 'run worker QUEUE...', 'init' (whose last step waits for ClickHouse at
        // CLICKHOUSE_HOST, unset without analytics, so 'set -u' ends it), or 'bash ARGS'.
        var served = new List<string>();
        foreach (var (where, container) in objects.Where(o => Kind(o) is "Deployment" or "StatefulSet")
                     .SelectMany(o => Containers(o["spec"]!["template"]!["spec"]!).Select(c => ($"{Kind(o)} {Name(o)}", c)))
                     .Where(x => Str(x.c["image"])?.StartsWith("cvat/server:", StringComparison.Ordinal) == true))
        {
            var args = (container["args"]?.AsArray() ?? []).Select(a => Str(a) ?? "").ToArray();
            var env = (container["env"]?.AsArray() ?? []).Select(e => Str(e!["name"])).ToHashSet();
            switch (args)
            {
                case ["run", "server"] or ["bash", "-c", _]:
                    break;
                case ["run", "worker", .. var queues] when queues.Length > 0:
                    foreach (var queue in queues.Where(q => !Queues.Contains(q))) problems.Add($"{where}: CVAT has no queue '{queue}'");
                    served.AddRange(queues);
                    break;
                case ["init"] when !env.Contains("CLICKHOUSE_HOST"):
                    problems.Add($"{where}: 'init' waits for ClickHouse at CLICKHOUSE_HOST, which is not set");
                    break;
                case ["init"]:
                    break;
                default:
                    problems.Add($"{where}: the entrypoint does not know '{string.Join(' ', args)}'");
                    break;
            }
        }
        foreach (var queue in Queues.Where(q => !served.Contains(q))) problems.Add($"no worker serves CVAT's queue '{queue}'");
        return problems;
    }

    private static IEnumerable<string> Restricted(string where, JsonNode spec)
    {
        var pod = spec["securityContext"];
        if (pod?["runAsNonRoot"]?.GetValue<bool>() != true) yield return $"{where}: restricted pods set runAsNonRoot";
        if (Str(pod?["seccompProfile"]?["type"]) != "RuntimeDefault") yield return $"{where}: restricted pods set seccompProfile RuntimeDefault";
        foreach (var sysctl in pod?["sysctls"]?.AsArray() ?? [])
            if (!SafeSysctls.Contains(Str(sysctl!["name"]))) yield return $"{where}: sysctl {Str(sysctl["name"])} is not in the safe set";
        foreach (var volume in Volumes(spec))
            if (!volume.AsObject().Any(p => RestrictedVolumes.Contains(p.Key))) yield return $"{where}: volume {Str(volume["name"])} is of a type restricted pods may not use";
        foreach (var container in Containers(spec))
        {
            var security = container["securityContext"];
            if (security?["allowPrivilegeEscalation"]?.GetValue<bool>() != false) yield return $"{where}: container {Str(container["name"])} may escalate privileges";
            if (security?["capabilities"]?["drop"]?.AsArray().Any(c => Str(c) == "ALL") != true) yield return $"{where}: container {Str(container["name"])} keeps its capabilities";
            if (security?["capabilities"]?["add"] is not null) yield return $"{where}: container {Str(container["name"])} adds capabilities";
            foreach (var resource in new[] { "cpu", "memory" })
                if (container["resources"]?["requests"]?[resource] is null || container["resources"]?["limits"]?[resource] is null)
                    yield return $"{where}: container {Str(container["name"])} has no {resource} request and limit";
        }
    }

    private static IEnumerable<JsonNode> Containers(JsonNode spec) =>
        (spec["containers"]?.AsArray() ?? []).Concat(spec["initContainers"]?.AsArray() ?? []).Select(c => c!);

    private static IEnumerable<JsonNode> Volumes(JsonNode spec) => (spec["volumes"]?.AsArray() ?? []).Select(v => v!);

    private static IEnumerable<string> Ports(JsonNode service) => service["spec"]!["ports"]!.AsArray().Select(p => p!["port"]!.ToJsonString());

    private static string Kind(JsonNode o) => Str(o["kind"])!;

    private static string Name(JsonNode o) => Str(o["metadata"]!["name"])!;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
