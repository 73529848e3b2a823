using System.Globalization;
using Mx.Generators;
using Mx.Generators.BuiltIn.Distributed;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Queues;
using Mx.Pulumi.Tracking;

namespace Mx.Pulumi.Training;

/// <summary>
/// Runs an MLproject entry point on the cluster: checks the request against the project before anything is
/// built, builds and pushes the image under an immutable tag, submits the rendered job, streams its logs and
/// returns the job's exit code. Also cancels a job.
/// </summary>
public sealed class TrainingRuns
{
    private const int LastLines = 20;
    internal static readonly TimeSpan ExitCodeInterval = TimeSpan.FromSeconds(2);
    internal static readonly TimeSpan ExitCodeTimeout = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan AdmissionInterval = TimeSpan.FromSeconds(15);
    private const long FlexStartMaxHours = 7 * 24;
    private readonly ToolRunner _runner;
    private readonly InfraProject _project;
    private readonly TimeProvider _time;

    internal TrainingRuns(InfraProject project, ToolRunner runner, TimeProvider time) => (_project, _runner, _time) = (project, runner, time);

    public static TrainingRuns For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default, TimeProvider.System);

    private string Context => ClusterConnection.ContextName(_project);

    private const string DistributedGenerator = "DistributedTraining";

    /// <summary>One submission, fully checked: what to apply and how to find rank 0 afterwards.</summary>
    private sealed record Submission(string Template, IReadOnlyList<string> Argv, string Describe, QueuePlacement Placement,
        Func<string, string, (string Manifest, string Target, string Selector, bool Wait)> Render);

    /// <summary>Everything that can be wrong with the request is found here, before any tool runs.</summary>
    private Submission Check(RunRequest request)
    {
        var entryPoint = MLprojectEntryPoint.Find(_project.Root, request.EntryPoint);
        var argv = entryPoint.Argv(request.Parameters);
        var skeleton = SkeletonAnswers.From(_project.State.Answers);
        // A queued job runs on its shape's pool, which Kueue admits it onto; an unqueued one on the skeleton's GPU pool.
        var placement = QueuePlacement.ForShape(_project.State, request.Queue);
        var perNode = placement.Shape?.Gpus ?? skeleton.GpuCount;
        if (request.DeadlineHours is { } hours && (hours < 1 || hours > 720))
            throw new MxException($"--deadline {hours}: a job may run 1-720 hours (30 days) before Kubernetes stops it; give a number of hours in that range.");
        long? deadline = request.DeadlineHours * 3600L;
        string GpuLimit(string option, long value) => placement.Shape is { } shape
            ? $"{option} {value}: a node of queue {shape.Name} has {perNode} {shape.GpuType} GPU(s), so a job can ask for 1-{perNode} per node. " +
              "For more, choose a bigger shape with --queue."
            : $"{option} {value}: a node of the GPU pool has {perNode} {skeleton.GpuType} GPU(s), so a job can ask for 1-{perNode} per node. " +
              "For more, use a bigger machine ('mx generate MLProjectSkeleton --gpu-count N', then 'mx up').";
        if (!request.Distributed)
        {
            if (request.Workers is not null || request.GpusPerWorker is not null)
                throw new MxException("--workers and --gpus-per-worker go with --distributed; a single job takes --gpus.");
            var gpus = request.Gpus ?? 1;
            if (gpus < 1 || gpus > perNode) throw new MxException(GpuLimit("--gpus", gpus));
            var single = ReadTemplate(TrainingJobRenderer.TemplatePath, "MLProjectSkeleton");
            return new Submission(single, argv, $"with {gpus} GPU(s)", placement,
                (name, image) => (TrainingJobRenderer.Render(single, name, image, argv, gpus, deadline), $"job/{name}", $"job-name={name}", false));
        }
        if (placement.Queue is not null && IsPyTorchJob)
            throw new MxException(request.Queue is null
                ? "This project's jobs go through its GPU queues (GpuQueues), and Kueue no longer manages PyTorchJob by default (Kueue 0.19 and later), " +
                  "so a PyTorchJob would run around them. Submit TrainJobs instead ('mx generate DistributedTraining --operator trainjob')."
                : "--queue submits through Kueue, which no longer manages PyTorchJob by default (Kueue 0.19 and later). " +
                  "Queue single jobs, or TrainJobs ('mx generate DistributedTraining --operator trainjob').");
        if (!_project.State.HasApplied(DistributedGenerator))
            throw new MxException($"--distributed submits the job DistributedTraining writes, and this project has not applied it. Run 'mx generate {DistributedGenerator}', then 'mx up' to install the operator.");
        if (request.Gpus is not null)
            throw new MxException("--gpus is for a single job; with --distributed give --gpus-per-worker (and --workers).");
        var distributed = DistributedAnswers.From(_project.State.Answers);
        var workers = request.Workers ?? distributed.Workers;
        var maxNodes = placement.MaxNodes ?? skeleton.GpuMaxNodes;
        if (workers < 1 || workers > maxNodes)
            throw new MxException(placement.Shape is { } queued
                ? $"--workers {workers}: the pool of queue {queued.Name} scales to at most {maxNodes} nodes (queue_max_nodes), so choose 1-{maxNodes}."
                : $"--workers {workers}: the GPU pool scales to at most {maxNodes} nodes (gpu_max_nodes), so choose 1-{maxNodes}.");
        var perWorker = request.GpusPerWorker ?? distributed.GpusPerWorker;
        if (perWorker < 1 || perWorker > perNode) throw new MxException(GpuLimit("--gpus-per-worker", perWorker));
        // torchrun starts the module the template names; the entry point contributes its Hydra overrides.
        if (argv.Count < 3 || argv[0] is not ("python" or "python3") || argv[1] != "-m")
            throw new MxException($"Entry point '{entryPoint.Name}' runs '{string.Join(' ', argv)}'; --distributed needs a 'python -m MODULE overrides...' command, whose overrides it passes to torchrun.");
        var overrides = argv.Skip(3).ToArray();
        var template = ReadTemplate(DistributedJobRenderer.TemplatePath, DistributedGenerator);
        return new Submission(template, argv, $"on {workers} node(s) x {perWorker} GPU(s)", placement, (name, image) =>
        {
            var (manifest, rank0) = DistributedJobRenderer.Render(template, name, image, overrides, workers, perWorker, deadline);
            return (manifest, rank0.Target, rank0.Selector, true);
        });
    }

    private string ReadTemplate(string relative, string generator)
    {
        var path = Path.Combine(_project.Root, relative);
        return File.Exists(path) ? File.ReadAllText(path)
            : throw new MxException($"{relative} is missing. Restore it with 'mx generate {generator}'.");
    }

    private IReadOnlyList<string> FlexStartShapes() =>
        _project.State.Answers.TryGetValue("queue_flex_start", out var shapes) ? (IReadOnlyList<string>)shapes : [];

    private bool IsPyTorchJob => _project.State.HasApplied(DistributedGenerator) && DistributedAnswers.From(_project.State.Answers).IsPyTorchJob;

    public int Run(RunRequest request, Action<string> say, Action<string> streamLine)
    {
        var submission = Check(request);
        var placement = submission.Placement;
        TimeSpan? maxWait = null;
        if (request.MaxWait is { } given)
        {
            maxWait = WaitLimit.Parse(given);
            if (placement.Queue is null)
                throw new MxException($"--max-wait {given} limits how long a job waits for Kueue to admit it, and only a job submitted with --queue SHAPE waits in Kueue; add --queue.");
        }
        if (placement.Shape?.Name is { } flexQueue && FlexStartShapes().Contains(flexQueue))
        {
            // GKE gives a flex-start (queued provisioning) node for at most seven days, then takes it back.
            var hours = request.DeadlineHours ?? MLProjectSkeleton.JobDeadlineSeconds(_project.State.Answers) / 3600;
            if (hours > FlexStartMaxHours)
                throw new MxException(
                    $"--queue {flexQueue} is a flex-start shape, whose nodes GKE lends for at most 7 days ({FlexStartMaxHours} hours), and this job may run " +
                    $"{hours} hours (--deadline, else the job_deadline_hours answer), so GKE would take its nodes away first. Give --deadline {FlexStartMaxHours} " +
                    "or less (the trainer resumes from its checkpoint when submitted again), or choose a queue that is not flex-start.");
        }
        // The account marks the job as its owner's where something reads that, and with teams decides the namespace.
        var account = JobOwnership.IsRead(_project.State) ? CallerAccount() : null;
        placement = placement.ForCaller(_project.State, account);
        var ns = placement.Namespace;
        if (placement.Queue is { } queue) CheckQueue(ns, queue);
        var tag = ImageTag();
        var image = TrainingJobRenderer.ImageWithTag(ReadTemplate(TrainingJobRenderer.TemplatePath, "MLProjectSkeleton"), tag);
        var name = JobName(request.EntryPoint);
        Build(image, say);
        var (manifest, target, selector, wait) = submission.Render(name, image);
        if (ns != RunArguments.Namespace) manifest = KueueQueue.InNamespace(manifest, ns);
        if (placement.Shape?.GpuType is { } shapeGpu) manifest = ShapeAccelerator.Selecting(manifest, shapeGpu);
        if (account is not null) manifest = JobOwnership.Marked(manifest, account);
        if (placement.Queue is { } admittedBy)
        {
            manifest = KueueQueue.Labelled(manifest, admittedBy);
            say(ns == RunArguments.Namespace
                ? $"Job {name} waits in queue {admittedBy} until Kueue admits it"
                : $"Job {name} waits in queue {admittedBy} of namespace {ns} (your team's) until Kueue admits it");
        }
        say($"Submitting job {name} ({string.Join(' ', submission.Argv)}) {submission.Describe}");
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, ns), $"submitting job {name}")
        {
            StandardInput = manifest,
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        });
        if (maxWait is { } limit) WaitForAdmission(ns, name, limit, request.MaxWait!, say);
        if (wait)
            _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.WaitCreated(Context, ns, target), $"waiting for the operator to start job {name}")
            {
                Remedy = "Check that the operator runs: 'mx up' installs the distributed-training deployment.",
            });
        // Following is the long wait; Ctrl+C there stops mx, never the job, which runs on without it.
        using var interruption = new Interruption();
        TrackedRun? tracked = null;
        var follow = _runner.RunAsync(new ToolInvocation(Tool.Kubectl, KubectlArguments.FollowLogs(Context, ns, target), $"following the logs of job {name}"), line =>
        {
            tracked ??= TrackedRun.FromLogLine(line);
            streamLine(line);
        }, interruption).GetAwaiter().GetResult();
        if (follow.Interrupted)
            throw new MxException(
                $"Interrupted: mx stopped following job {name}, which keeps running on the cluster. " +
                $"Follow it again with 'mx run --logs {name}', or stop it with 'mx run --cancel {name}'.", ExitCode.Interrupted);
        if (!follow.Succeeded) say($"The log stream of job {name} ended early: {follow.StandardError.Trim()}");
        var exitCode = JobExitCode(ns, selector);
        if (tracked is not null)
            say($"MLflow run: {tracked.Link(TrackingServer.DefaultPort)} (reach it with 'mx flow connect')");
        if (exitCode == 0)
        {
            say($"Job {name} succeeded.");
            return 0;
        }
        var tail = _runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.LastLogLines(Context, ns, target, LastLines), $"reading the last lines of job {name}"));
        throw new MxException(
            $"Job {name} failed with exit code {exitCode}. Its last log lines:\n{tail.StandardOutput.TrimEnd()}\n" +
            $"See everything with 'kubectl --context {Context} --namespace {ns} logs {target}'.",
            exitCode is > 0 and < 256 ? (ExitCode)exitCode : ExitCode.Failed);
    }

    // Before anything is built: the queue must exist in the job's namespace, which needs Kueue on the cluster (and,
    // for a team's namespace, the 'mx up' that followed 'mx team add').
    private void CheckQueue(string ns, string queue)
    {
        var listed = _runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.Names(Context, ns, KueueQueue.Resource), "listing the Kueue queues"));
        if (!listed.Succeeded)
            throw new MxException(
                $"--queue {queue}: the cluster answered no Kueue queues ({listed.StandardError.Trim().Split('\n')[^1]}). --queue needs Kueue and a " +
                $"LocalQueue in the '{ns}' namespace; run without --queue, or install Kueue first ('mx up' installs GpuQueues' Kueue and queues).");
        var names = KueueQueue.Names(listed.StandardOutput);
        if (!names.Contains(queue))
            throw new MxException(names.Count == 0
                ? $"--queue {queue}: the '{ns}' namespace has no Kueue LocalQueue; create one ('mx up' applies the project's queues), or run without --queue."
                : $"--queue {queue}: the '{ns}' namespace has no such LocalQueue; it has {string.Join(", ", names)}.");
    }

    // The caller as GKE's RBAC knows them: gcloud's account, whose team's namespace the job runs in.
    private string? CallerAccount()
    {
        var result = _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.ConfigAccount(), "reading your gcloud account")
        {
            Remedy = "Log in with 'gcloud auth login'.",
        });
        var account = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return account is null or "(unset)" ? null : account;
    }

    // A team member's jobs run, and may only be read, in their team's namespace; everyone else's in training.
    private string CallerNamespace() =>
        QueuePlacement.HasTeams(_project.State)
            ? QueuePlacement.NamespaceOf(_project.State, CallerAccount())
            : RunArguments.Namespace;

    /// <summary>The jobs mx submitted in the caller's namespace (their team's, else training), as kubectl's table.</summary>
    public string List() =>
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.ListManagedJobs(Context, CallerNamespace()), "listing the training jobs")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        }).StandardOutput;

    /// <summary>Streams a job's logs until it ends.</summary>
    public void Logs(string jobName, Action<string> streamLine)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.FollowLogs(Context, CallerNamespace(), $"job/{jobName}"), $"following the logs of job {jobName}")
        {
            Remedy = $"List the jobs with 'mx run --list'.",
        };
        using var interruption = new Interruption();
        var result = _runner.RunAsync(invocation, streamLine, interruption).GetAwaiter().GetResult();
        if (result.Interrupted)
            throw new MxException($"Interrupted: mx stopped following job {jobName}, which keeps running on the cluster.", ExitCode.Interrupted);
        ToolFailures.ThrowUnlessSucceeded(invocation, result);
    }

    public void Cancel(string jobName, Action<string> say)
    {
        var ns = CallerNamespace();
        var deleted = Delete(jobName, ns);
        if (deleted.Length == 0)
            throw new MxException($"There is no job {jobName} in the {ns} namespace; 'mx run --list' lists the jobs.");
        say($"Deleted {deleted}.");
    }

    /// <summary>What kubectl deleted (<c>job.batch/NAME</c>), or nothing when no such job exists.</summary>
    private string Delete(string jobName, string ns)
    {
        // A distributed job's kind exists only where its operator is installed; asking for it elsewhere is an error.
        List<string> kinds = ["jobs.batch"];
        if (_project.State.HasApplied(DistributedGenerator))
            kinds.Add(IsPyTorchJob ? "pytorchjobs.kubeflow.org" : "trainjobs.trainer.kubeflow.org");
        return _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Delete(Context, ns, kinds, jobName), $"deleting job {jobName}")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        }).StandardOutput.Trim();
    }

    // A job that waits past the limit is deleted rather than left queued: Kueue would start it later, on GPUs that
    // cost money, with no one following it and mx already gone.
    private void WaitForAdmission(string ns, string name, TimeSpan limit, string given, Action<string> say)
    {
        say($"Waiting up to {given} for Kueue to admit job {name}");
        KueueWorkload? last = null;
        var admitted = Polling.Until(() =>
        {
            var listed = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Workloads(Context, ns), $"reading the Kueue workload of job {name}")
            {
                Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
            });
            // Kueue creates the Workload a moment after the job; until then there is nothing to wait on but time.
            last = KueueWorkload.ParseList(listed.StandardOutput).Where(w => w.JobName == name).OrderBy(w => w.Created, StringComparer.Ordinal).LastOrDefault() ?? last;
            return last?.State is WorkloadState.Admitted or WorkloadState.Finished ? true : (bool?)null;
        }, _time, AdmissionInterval, limit);
        if (admitted is not null)
        {
            say($"Kueue admitted job {name}");
            return;
        }
        var deleted = Delete(name, ns);
        var why = last is null ? "Kueue never created a workload for it (is Kueue running?)"
            : $"it is {KueueWorkload.Describe(last.State)} in queue {last.Queue}{(last.Reason is null ? "" : $": {last.Reason}")}";
        throw new MxException(
            $"Kueue did not admit job {name} within --max-wait {given}; {why}. " +
            (deleted.Length > 0 ? "mx deleted the job, so it will not start later with no one following it. " : "") +
            "Submit it again later, to a queue with room ('mx queue list'), or with a longer --max-wait.", ExitCode.TimedOut);
    }

    // The log stream ends when the container does, a moment before the kubelet reports its exit code.
    private int JobExitCode(string ns, string selector) =>
        Polling.Until(() =>
        {
            var result = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.ExitCode(Context, ns, selector), $"reading the exit code of {selector}"));
            return int.TryParse(result.StandardOutput.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : (int?)null;
        }, _time, ExitCodeInterval, ExitCodeTimeout) ?? (int)ExitCode.Failed;

    // The commit names the image; uncommitted changes get a time stamp too, so no tag is ever pushed twice with
    // different contents.
    private string ImageTag()
    {
        var head = _runner.Run(new ToolInvocation(Tool.Git, RunArguments.GitHead(), "reading the commit") { WorkingDirectory = _project.Root });
        if (!head.Succeeded)
            throw new MxException("mx run tags the image with the project's git commit, and there is none yet: run 'git init' (if needed), 'git add -A' and 'git commit' first.");
        var status = _runner.RunChecked(new ToolInvocation(Tool.Git, RunArguments.GitStatus(), "reading the working tree's status") { WorkingDirectory = _project.Root });
        var tag = head.StandardOutput.Trim();
        return status.StandardOutput.Trim().Length == 0 ? tag : $"{tag}-dirty-{_time.GetUtcNow():yyyyMMddHHmmss}";
    }

    private void Build(string image, Action<string> say)
    {
        if (_runner.Find(Tool.Docker) is not null)
        {
            say($"Building {image} with docker");
            _runner.RunChecked(new ToolInvocation(Tool.Docker, RunArguments.DockerBuild(image, _project.Root), "building the image"));
            _runner.RunChecked(new ToolInvocation(Tool.Docker, RunArguments.DockerPush(image), "pushing the image")
            {
                Remedy = $"Let docker push to Artifact Registry with 'gcloud auth configure-docker {image.Split('/')[0]}'.",
            });
            return;
        }
        say($"Building {image} with Cloud Build (no local docker)");
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, RunArguments.CloudBuild(image, _project.GcpProject, _project.Root), "building the image with Cloud Build"));
    }

    private string JobName(string entryPoint)
    {
        var name = $"{_project.ProjectName}-{entryPoint.ToLowerInvariant().Replace('_', '-')}-{_time.GetUtcNow():yyyyMMdd-HHmmss}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-');
    }
}
