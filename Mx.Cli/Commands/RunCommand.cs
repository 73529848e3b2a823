using System.CommandLine;
using Mx.Generators;
using Mx.Pulumi.Training;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx run ENTRYPOINT</c>: builds the image, submits the MLproject entry point as a job on the GPU pool,
/// streams its logs and exits with the job's exit code; <c>--list</c>, <c>--logs NAME</c> and <c>--cancel NAME</c>
/// list, follow and delete jobs.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommandContext context)
    {
        var entryPoint = new Argument<string?>("entrypoint") { Description = "MLproject entry point to run, e.g. train", Arity = ArgumentArity.ZeroOrOne };
        var parameters = new Option<string[]>("-P") { HelpName = "KEY=VALUE", Description = "Entry point parameter as key=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var gpus = new Option<int?>("--gpus") { HelpName = "N", Description = "GPUs for the job (1 to the GPU pool's GPUs per node; default 1)" };
        var cancel = new Option<string?>("--cancel") { HelpName = "JOB", Description = "Delete the job JOB (as printed when it was submitted)" };
        var distributed = new Option<bool>("--distributed") { Description = "Submit DistributedTraining's TrainJob/PyTorchJob: torchrun on every node" };
        var workers = new Option<int?>("--workers") { HelpName = "N", Description = "Nodes of a --distributed run (default: the workers answer)" };
        var gpusPerWorker = new Option<int?>("--gpus-per-worker") { HelpName = "N", Description = "GPUs (processes) per node of a --distributed run (default: the gpus_per_worker answer)" };
        var deadline = new Option<int?>("--deadline") { Description = "Hours the job may run before Kubernetes stops it (1-720; default: the job_deadline_hours answer)", HelpName = "HOURS" };
        var list = new Option<bool>("--list") { Description = "List the jobs mx submitted" };
        var logs = new Option<string?>("--logs") { HelpName = "JOB", Description = "Stream the logs of the job JOB" };
        var queue = new Option<string?>("--queue")
        {
            HelpName = "QUEUE",
            Description = "Submit through this queue (the job waits until Kueue admits it): with GpuQueues a shape such as l4-2, in your team's " +
                          "namespace (default: the GPU pool's shape); otherwise a Kueue LocalQueue of the training namespace",
        };
        var maxWait = new Option<string?>("--max-wait")
        {
            HelpName = "DURATION",
            Description = "For a queued job: how long it may wait for Kueue to admit it (30m, 2h, 1h30m; 1m-30d). Past it mx deletes the job, so it never " +
                          "starts later on paid GPUs with no one following it, and exits 124",
        };
        var local = new Option<bool>("--local") { Description = "Run the entry point on this machine, tracked by the project's MLflow server (through a port-forward)" };
        var command = new Command("run",
            "Run an MLproject entry point on the cluster's GPU pool (or here, with --local) and follow it. Example: mx run train -P lr=0.01 --gpus 1; mx run train --distributed --workers 2; mx run train --local")
        {
            entryPoint, parameters, gpus, distributed, workers, gpusPerWorker, deadline, queue, maxWait, local, cancel, list, logs,
        };
        command.SetAction(parsed =>
        {
            void Say(string message) => context.Console.MarkupLineInterpolated($"[bold]{message}[/]");
            var runs = TrainingRuns.For(context.WorkingDirectory);
            var modes = new[] { parsed.GetValue(cancel) is not null, parsed.GetValue(list), parsed.GetValue(logs) is not null };
            if (modes.Count(m => m) > 1 || (modes.Any(m => m) && parsed.GetValue(entryPoint) is not null))
                throw new MxException("Give one of: an entry point to run, --list, --logs NAME or --cancel NAME.");
            if (parsed.GetValue(cancel) is { } job)
            {
                runs.Cancel(job, Say);
                return 0;
            }
            if (parsed.GetValue(list))
            {
                context.Console.Write(new Text(runs.List()));
                return 0;
            }
            if (parsed.GetValue(logs) is { } logged)
            {
                runs.Logs(logged, line => context.Console.WriteLine(line));
                return 0;
            }
            var name = parsed.GetValue(entryPoint) ?? throw new MxException(
                "Name the entry point to run, e.g. 'mx run train -P lr=0.01'; the project's are listed in MLproject.");
            var request = new RunRequest(name, ParseParameters(parsed.GetValue(parameters) ?? []), parsed.GetValue(gpus))
            {
                Distributed = parsed.GetValue(distributed),
                Workers = parsed.GetValue(workers),
                GpusPerWorker = parsed.GetValue(gpusPerWorker),
                Queue = parsed.GetValue(queue),
                DeadlineHours = parsed.GetValue(deadline),
                MaxWait = parsed.GetValue(maxWait),
            };
            if (parsed.GetValue(local)) return LocalRun.Run(context.WorkingDirectory, request, Say);
            return runs.Run(request, Say, line => context.Console.WriteLine(line));
        });
        return command;
    }

    private static Dictionary<string, string> ParseParameters(string[] given)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in given)
        {
            var equals = parameter.IndexOf('=');
            if (equals <= 0)
                throw new MxException($"-P {parameter}: a parameter is key=value, e.g. -P lr=0.01.");
            parsed[parameter[..equals]] = parameter[(equals + 1)..];
        }
        return parsed;
    }
}
