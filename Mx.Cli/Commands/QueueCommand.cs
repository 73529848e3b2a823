using System.CommandLine;
using Mx.Pulumi.Queues;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx queue list|status|move|priority</c>: the Kueue queues of every namespace, where a job waits, and moving a
/// waiting job to another shape's queue or changing its priority.
/// </summary>
internal static class QueueCommand
{
    public static Command Create(CommandContext context)
    {
        var listJson = JsonOutput.CreateOption();
        var list = new Command("list",
            "Per ClusterQueue and per namespace's LocalQueue: pending, quota-reserving and admitted workloads, and quota reserved, used and borrowed. Example: mx queue list --json")
        {
            listJson,
        };
        list.SetAction(parsed =>
        {
            var overview = QueueControl.For(context.WorkingDirectory).List();
            if (parsed.GetValue(listJson)) JsonOutput.Write(context, overview);
            else Print(context.Console, overview);
            return 0;
        });

        Argument<string> Job() => new("job") { Description = "The job's name as mx run printed it (NAMESPACE/JOB when several namespaces have one of that name)" };

        var statusJob = Job();
        var statusJson = JsonOutput.CreateOption();
        var status = new Command("status",
            "A queued job's Kueue state (pending, quota-reserved, admitted, evicted, finished) and why, and while it waits its position (from 0, the next to be admitted). Example: mx queue status acme-vision-train-20261204-101500")
        {
            statusJob, statusJson,
        };
        status.SetAction(parsed =>
        {
            var found = QueueControl.For(context.WorkingDirectory).Status(parsed.GetValue(statusJob)!);
            if (parsed.GetValue(statusJson)) JsonOutput.Write(context, found);
            else Print(context, found);
            return 0;
        });

        var moveJob = Job();
        var to = new Option<string>("--to") { HelpName = "SHAPE", Description = "The shape whose queue the job moves to (one of the queue_shapes answer)", Required = true };
        var moveJson = JsonOutput.CreateOption();
        var move = new Command("move",
            "Move a waiting job to another shape's queue in its namespace. Kueue allows this only while the job waits (suspended); an admitted job must be cancelled and submitted again. Example: mx queue move acme-vision-train-20261204-101500 --to l4-1")
        {
            moveJob, to, moveJson,
        };
        move.SetAction(parsed =>
        {
            var messages = new List<string>();
            var job = parsed.GetValue(moveJob)!;
            QueueControl.For(context.WorkingDirectory).Move(job, parsed.GetValue(to)!, messages.Add);
            var message = string.Join(' ', messages);
            Done(context, parsed.GetValue(moveJson), message, new { Job = job, Queue = parsed.GetValue(to), Message = message });
            return 0;
        });

        var priorityJob = Job();
        var priority = new Argument<string>("priority") { Description = "One of the queue_priorities answer (low, normal, high by default)" };
        var priorityJson = JsonOutput.CreateOption();
        var setPriority = new Command("priority",
            "Change a job's WorkloadPriorityClass. While it waits, Kueue orders its queue by priority; once admitted, priority only decides which jobs are preempted first. Example: mx queue priority acme-vision-train-20261204-101500 high")
        {
            priorityJob, priority, priorityJson,
        };
        setPriority.SetAction(parsed =>
        {
            var messages = new List<string>();
            var job = parsed.GetValue(priorityJob)!;
            QueueControl.For(context.WorkingDirectory).SetPriority(job, parsed.GetValue(priority)!, messages.Add);
            var message = string.Join(' ', messages);
            Done(context, parsed.GetValue(priorityJson), message, new { Job = job, Priority = parsed.GetValue(priority), Message = message });
            return 0;
        });

        return new Command("queue", "The project's Kueue queues: mx queue list, mx queue status JOB, mx queue move JOB --to SHAPE, mx queue priority JOB PRIORITY")
        {
            list, status, move, setPriority,
        };
    }

    private static void Done(CommandContext context, bool json, string message, object result)
    {
        if (json) JsonOutput.Write(context, result);
        else context.Report.Line(message);
    }

    private static void Print(IAnsiConsole console, QueueOverview overview)
    {
        var clusterQueues = new Table().AddColumns("ClusterQueue", "Cohort", "Pending", "Reserving", "Admitted", "Quota: reserved / nominal (used, borrowed)");
        foreach (var queue in overview.ClusterQueues)
            clusterQueues.AddRow(Markup.Escape(queue.Name), Markup.Escape(queue.Cohort ?? "-"), $"{queue.Pending}", $"{queue.Reserving}", $"{queue.Admitted}",
                Markup.Escape(string.Join('\n', queue.Resources.Select(r =>
                    $"{r.Resource} {r.Reserved} / {r.Nominal} ({r.Used} used{(r.Borrowed == "0" ? "" : $", {r.Borrowed} borrowed")})"))));
        console.Write(clusterQueues);
        var localQueues = new Table().AddColumns("Namespace", "LocalQueue", "ClusterQueue", "Pending", "Reserving", "Admitted");
        foreach (var queue in overview.LocalQueues)
            localQueues.AddRow(Markup.Escape(queue.Namespace), Markup.Escape(queue.Name), Markup.Escape(queue.ClusterQueue),
                $"{queue.Pending}", $"{queue.Reserving}", $"{queue.Admitted}");
        console.Write(localQueues);
    }

    private static void Print(CommandContext context, QueuedJob job)
    {
        var priority = job.PriorityClass is null ? "no priority class" : $"priority {job.PriorityClass} ({job.Priority})";
        context.Report.Line($"Job {job.Namespace}/{job.Job} ({job.Kind}): {job.State} in queue {job.Queue ?? "-"}" +
                            $"{(job.ClusterQueue is null ? "" : $" (ClusterQueue {job.ClusterQueue})")}, {priority}");
        context.Report.Line($"Workload {job.Workload}");
        if (job.Reason is not null) context.Report.Line($"Kueue says: {job.Reason}");
        if (job.PositionInClusterQueue is { } inCluster)
            context.Report.Line($"Position: {inCluster} in ClusterQueue {job.ClusterQueue}, {job.PositionInLocalQueue} in LocalQueue {job.Namespace}/{job.Queue} (0 is admitted next)");
        else if (job.PositionUnavailable is not null)
            context.Report.Line($"Position unknown: {job.PositionUnavailable}.");
    }
}
