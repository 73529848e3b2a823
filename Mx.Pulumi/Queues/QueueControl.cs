using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Queues;

/// <summary>
/// <c>mx queue</c>: reads Kueue's queues and a job's Workload in every namespace that has LocalQueues (the
/// training namespace and teams' namespaces alike), and moves a waiting job to another shape's queue or changes its
/// priority by relabelling the job, which is what Kueue v0.19.2 watches (its Workload follows the job).
/// </summary>
public sealed class QueueControl
{
    public const string QueueLabel = "kueue.x-k8s.io/queue-name";
    public const string PriorityLabel = "kueue.x-k8s.io/priority-class";
    private const string Generator = "GpuQueues";

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;

    internal QueueControl(InfraProject project, ToolRunner runner) => (_project, _runner) = (project, runner);

    public static QueueControl For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default);

    private string Context => ClusterConnection.ContextName(_project);

    public QueueOverview List()
    {
        RequireQueues();
        var (clusterQueues, localQueues) = Queues();
        return new QueueOverview(clusterQueues, localQueues);
    }

    public QueuedJob Status(string job)
    {
        RequireQueues();
        var workload = Find(job);
        var status = new QueuedJob(workload.JobName, workload.JobKind, workload.Namespace, workload.Name, workload.Queue, workload.ClusterQueue,
            KueueWorkload.Describe(workload.State), workload.Reason, workload.PriorityClass, workload.Priority, null, null);
        if (!workload.Waiting) return status;
        // A waiting workload has no admission yet: its ClusterQueue is the one its LocalQueue feeds.
        var clusterQueue = workload.ClusterQueue ?? Queues().Local
            .FirstOrDefault(q => q.Namespace == workload.Namespace && q.Name == workload.Queue)?.ClusterQueue;
        if (clusterQueue is null)
            return status with { PositionUnavailable = $"the LocalQueue '{workload.Queue}' of namespace {workload.Namespace} does not exist, so Kueue does not queue the job" };
        status = status with { ClusterQueue = clusterQueue };
        var pending = _runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.PendingWorkloads(Context, clusterQueue), $"reading the pending workloads of ClusterQueue {clusterQueue}"));
        if (!pending.Succeeded)
            return status with { PositionUnavailable = $"Kueue's visibility API did not answer ({LastLine(pending.StandardError)})" };
        foreach (var item in KubeObjects.Items(pending.StandardOutput))
            if (KubeObjects.Name(item) == workload.Name && KubeObjects.Namespace(item) == workload.Namespace)
                return status with
                {
                    PositionInClusterQueue = item["positionInClusterQueue"]?.GetValue<int>(),
                    PositionInLocalQueue = item["positionInLocalQueue"]?.GetValue<int>(),
                };
        return status with { PositionUnavailable = "Kueue's visibility API does not list it among the pending workloads (it is being admitted or its queue changed)" };
    }

    public void Move(string job, string shape, Action<string> say)
    {
        var shapes = Answer("queue_shapes");
        if (!shapes.Contains(shape))
            throw new MxException($"--to {shape}: '{shape}' is not one of the project's queue shapes, which are {string.Join(", ", shapes)}. " +
                                  "Add a shape with 'mx generate GpuQueues --queue-shapes ...' and 'mx up'.");
        var workload = Find(job);
        if (workload.State == WorkloadState.QuotaReserved)
            throw new MxException(
                $"Job {workload.JobName} holds quota in ClusterQueue {workload.ClusterQueue} while its admission checks run (GKE provisions its " +
                $"flex-start nodes), and Kueue admits it once they pass; mx moves only jobs that still wait for quota. To run it on {shape} instead, " +
                $"cancel it ('mx run --cancel {workload.JobName}') and submit it again with 'mx run ENTRYPOINT --queue {shape}'.");
        if (!workload.Waiting)
            throw new MxException(
                $"Job {workload.JobName} is {KueueWorkload.Describe(workload.State)} in queue {workload.Queue}, so it cannot move: Kueue lets a job's " +
                $"{QueueLabel} label change only while the job is suspended, waiting to be admitted. To run it on {shape}, cancel it " +
                $"('mx run --cancel {workload.JobName}') and submit it again with 'mx run ENTRYPOINT --queue {shape}'.");
        if (workload.Queue == shape)
        {
            say($"Job {workload.JobName} already waits in queue {shape}; nothing to change.");
            return;
        }
        var (_, localQueues) = Queues();
        if (!localQueues.Any(q => q.Namespace == workload.Namespace && q.Name == shape))
            throw new MxException(
                $"--to {shape}: namespace {workload.Namespace}, where job {workload.JobName} runs, has no LocalQueue '{shape}' " +
                $"(it has {Join(localQueues.Where(q => q.Namespace == workload.Namespace).Select(q => q.Name))}). Apply the queues with 'mx up', then try again.");
        Relabel(workload, QueueLabel, shape);
        say($"Moved job {workload.JobName} from queue {workload.Queue} to {shape}; it waits there until Kueue admits it.");
    }

    public void SetPriority(string job, string priority, Action<string> say)
    {
        var priorities = Answer("queue_priorities");
        if (!priorities.Contains(priority))
            throw new MxException($"'{priority}' is not one of the project's priorities, which are {string.Join(", ", priorities)} (lowest first). " +
                                  "Change them with 'mx generate GpuQueues --queue-priorities ...' and 'mx up'.");
        var workload = Find(job);
        if (workload.State == WorkloadState.Finished)
            throw new MxException($"Job {workload.JobName} has finished, so its priority no longer matters; submit a new run with 'mx run'.");
        if (workload.PriorityClass == priority)
        {
            say($"Job {workload.JobName} already has priority {priority}; nothing to change.");
            return;
        }
        // Kueue refuses to give a priority class to a job that runs without one (the job webhook), and leaves alone
        // a Workload that reserved quota without one (the job reconciler).
        if (workload.PriorityClass is null && !workload.Waiting)
            throw new MxException(
                $"Job {workload.JobName} is {KueueWorkload.Describe(workload.State)} without a priority class, and Kueue lets one be added only " +
                $"while a job waits. Cancel it ('mx run --cancel {workload.JobName}') and submit it again, then set its priority while it waits.");
        Relabel(workload, PriorityLabel, priority);
        say(workload.Waiting
            ? $"Job {workload.JobName} now has priority {priority}; Kueue orders its queue by it."
            : $"Job {workload.JobName} now has priority {priority}; it is already admitted, so this changes only which jobs Kueue preempts first.");
    }

    private void RequireQueues() => Answer("queue_shapes");

    private IReadOnlyList<string> Answer(string key)
    {
        if (!_project.State.HasApplied(Generator) || !_project.State.Answers.ContainsKey(key))
            throw new MxException($"This project has no GPU queues: mx queue works on the Kueue queues GpuQueues sets up. Run 'mx generate {Generator}', " +
                                  "then 'mx up' to install Kueue and the queues.");
        return _project.State.Answers.GetList(key);
    }

    private void Relabel(KueueWorkload workload, string label, string value)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.Label(Context, workload.Namespace, workload.JobTarget, label, value),
            $"labelling job {workload.JobName} {label}={value}");
        var result = _runner.Run(invocation);
        if (result.Succeeded) return;
        if (result.StandardError.Contains("denied the request", StringComparison.Ordinal))
            throw new MxException(
                $"Kueue refused to change job {workload.JobName}: {LastLine(result.StandardError)} The job was most likely admitted meanwhile; " +
                $"'mx queue status {workload.JobName}' shows where it is.");
        throw Unreachable(result) ?? ToolFailures.Failed(invocation, result);
    }

    /// <summary>The newest Workload of the job called <paramref name="job"/> (or <c>NAMESPACE/NAME</c>) in any namespace.</summary>
    private KueueWorkload Find(string job)
    {
        var slash = job.IndexOf('/');
        var (ns, name) = slash < 0 ? (null, job) : (job[..slash], job[(slash + 1)..]);
        var all = KueueWorkload.ParseList(Kubectl(KubectlArguments.Workloads(Context), "listing Kueue's workloads"));
        var found = all.Where(w => w.JobName == name && (ns is null || w.Namespace == ns)).ToArray();
        if (found.Length == 0)
            throw new MxException(
                $"No Kueue workload belongs to a job called {job} in any namespace: the job does not exist, or it was submitted without a queue " +
                "(only 'mx run --queue SHAPE' puts a job in a Kueue queue). 'mx run --list' lists the training jobs.");
        var namespaces = found.Select(w => w.Namespace).Distinct().ToArray();
        if (namespaces.Length > 1)
            throw new MxException($"Jobs called {name} wait in several namespaces ({string.Join(", ", namespaces)}); name one as NAMESPACE/JOB, e.g. {namespaces[0]}/{name}.");
        // A job deleted and submitted again under its name leaves an older Workload until Kueue collects it.
        return found.OrderBy(w => w.Created, StringComparer.Ordinal).Last();
    }

    private (IReadOnlyList<ClusterQueueView> Cluster, IReadOnlyList<LocalQueueView> Local) Queues()
    {
        var items = KubeObjects.Items(Kubectl(KubectlArguments.KueueQueues(Context), "listing Kueue's queues"));
        var cluster = new List<ClusterQueueView>();
        var local = new List<LocalQueueView>();
        foreach (var item in items)
        {
            var name = item["metadata"]!["name"]!.GetValue<string>();
            var status = item["status"];
            int Count(string field) => status?[field]?.GetValue<int>() ?? 0;
            if (KubeObjects.Kind(item) == "LocalQueue")
                local.Add(new LocalQueueView(item["metadata"]!["namespace"]!.GetValue<string>(), name, item["spec"]?["clusterQueue"]?.GetValue<string>() ?? "",
                    Count("pendingWorkloads"), Count("reservingWorkloads"), Count("admittedWorkloads")));
            else if (KubeObjects.Kind(item) == "ClusterQueue")
                cluster.Add(new ClusterQueueView(name, item["spec"]?["cohortName"]?.GetValue<string>(),
                    Count("pendingWorkloads"), Count("reservingWorkloads"), Count("admittedWorkloads"), ResourceUses(item)));
        }
        return (cluster.OrderBy(q => q.Name, StringComparer.Ordinal).ToArray(),
            local.OrderBy(q => q.Namespace, StringComparer.Ordinal).ThenBy(q => q.Name, StringComparer.Ordinal).ToArray());
    }

    // Kueue leaves a resource out of status until something uses it; it is then "0".
    private static IReadOnlyList<ResourceUse> ResourceUses(JsonNode clusterQueue)
    {
        Dictionary<(string, string), (string Total, string Borrowed)> Usage(string field)
        {
            var usage = new Dictionary<(string, string), (string, string)>();
            foreach (var flavor in clusterQueue["status"]?[field]?.AsArray() ?? [])
            foreach (var resource in flavor?["resources"]?.AsArray() ?? [])
                usage[(flavor!["name"]!.GetValue<string>(), resource!["name"]!.GetValue<string>())] =
                    (resource["total"]?.ToString() ?? "0", resource["borrowed"]?.ToString() ?? "0");
            return usage;
        }
        var reserved = Usage("flavorsReservation");
        var used = Usage("flavorsUsage");
        var uses = new List<ResourceUse>();
        foreach (var group in clusterQueue["spec"]?["resourceGroups"]?.AsArray() ?? [])
        foreach (var flavor in group?["flavors"]?.AsArray() ?? [])
        foreach (var resource in flavor?["resources"]?.AsArray() ?? [])
        {
            var key = (flavor!["name"]!.GetValue<string>(), resource!["name"]!.GetValue<string>());
            var (reservedTotal, reservedBorrowed) = reserved.GetValueOrDefault(key, ("0", "0"));
            var (usedTotal, _) = used.GetValueOrDefault(key, ("0", "0"));
            uses.Add(new ResourceUse(key.Item1, key.Item2, resource["nominalQuota"]?.ToString() ?? "0", reservedTotal, usedTotal, reservedBorrowed));
        }
        return uses;
    }

    private string Kubectl(IReadOnlyList<string> arguments, string doing)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, arguments, doing) { Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up')." };
        var result = _runner.Run(invocation);
        if (result.Succeeded) return result.StandardOutput;
        if (result.StandardError.Contains("doesn't have a resource type", StringComparison.Ordinal))
            throw new MxException(
                $"The cluster of context {Context} has no Kueue ({LastLine(result.StandardError)}). mx up installs it with the gpu-queues deployment " +
                $"once the project has GPU queues: run 'mx generate {Generator}' if it has none, then 'mx up'.");
        throw Unreachable(result) ?? ToolFailures.Failed(invocation, result);
    }

    /// <summary>A kube context that is missing or a cluster that does not answer: a missing prerequisite, not a failure.</summary>
    private MxException? Unreachable(ToolResult result)
    {
        var said = result.StandardError;
        if (!ToolFailures.ClusterUnreachable(said)) return null;
        return new MxException(
            $"mx queue reaches the cluster through the kube context {Context}, and kubectl could not use it ({LastLine(said)}). " +
            "Run 'mx connect' to add the context (after 'mx up' created the cluster), then try again.");
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";

    private static string Join(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
