using System.Globalization;
using Mx.Generators;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Training;

/// <summary>
/// Runs an MLproject entry point on the cluster: checks the request against the project before anything is
/// built, builds and pushes the image under an immutable tag, submits the rendered job, streams its logs and
/// returns the job's exit code. Also cancels a job.
/// </summary>
public sealed class TrainingRuns
{
    private const int LastLines = 20;
    private readonly ToolRunner _runner;
    private readonly InfraProject _project;
    private readonly TimeProvider _time;

    internal TrainingRuns(InfraProject project, ToolRunner runner, TimeProvider time) => (_project, _runner, _time) = (project, runner, time);

    public static TrainingRuns For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default, TimeProvider.System);

    private string Context => ClusterConnection.ContextName(_project);

    /// <summary>Everything that can be wrong with the request, found before any tool runs: the plan of the run.</summary>
    public (string JobTemplate, IReadOnlyList<string> Argv, int Gpus) Check(RunRequest request)
    {
        var entryPoints = MLprojectEntryPoint.Load(_project.Root);
        var entryPoint = entryPoints.FirstOrDefault(e => e.Name == request.EntryPoint) ?? throw new MxException(
            $"MLproject has no entry point '{request.EntryPoint}'; it has {string.Join(", ", entryPoints.Select(e => e.Name))}.");
        var argv = entryPoint.Argv(request.Parameters);
        var perNode = (long)_project.State.Answers["gpu_count"];
        var gpus = request.Gpus ?? 1;
        if (gpus < 1 || gpus > perNode)
            throw new MxException(
                $"--gpus {gpus}: a node of the GPU pool has {perNode} {_project.State.Answers["gpu_type"]} GPU(s), so a job can ask for 1-{perNode}. " +
                "For more, use a bigger machine ('mx generate MLProjectSkeleton --gpu-count N', then 'mx up').");
        var templatePath = Path.Combine(_project.Root, TrainingJobRenderer.TemplatePath);
        if (!File.Exists(templatePath))
            throw new MxException($"{TrainingJobRenderer.TemplatePath} is missing. Restore it with 'mx generate MLProjectSkeleton'.");
        return (File.ReadAllText(templatePath), argv, gpus);
    }

    public int Run(RunRequest request, Action<string> say, Action<string> streamLine)
    {
        var (template, argv, gpus) = Check(request);
        var tag = ImageTag();
        var image = TrainingJobRenderer.ImageWithTag(template, tag);
        var name = JobName(request.EntryPoint);
        Build(image, say);
        var manifest = TrainingJobRenderer.Render(template, name, image, argv, gpus);
        say($"Submitting job {name} ({string.Join(' ', argv)}) with {gpus} GPU(s)");
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, RunArguments.Apply(Context), $"submitting job {name}")
        {
            StandardInput = manifest,
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        });
        var follow = _runner.RunAsync(new ToolInvocation(Tool.Kubectl, RunArguments.FollowLogs(Context, name), $"following the logs of job {name}"), streamLine, null)
            .GetAwaiter().GetResult();
        if (!follow.Succeeded) say($"The log stream of job {name} ended early: {follow.StandardError.Trim()}");
        var exitCode = JobExitCode(name);
        if (exitCode == 0)
        {
            say($"Job {name} succeeded.");
            return 0;
        }
        var tail = _runner.Run(new ToolInvocation(Tool.Kubectl, RunArguments.LastLogLines(Context, name, LastLines), $"reading the last lines of job {name}"));
        throw new MxException(
            $"Job {name} failed with exit code {exitCode}. Its last log lines:\n{tail.StandardOutput.TrimEnd()}\n" +
            $"See everything with 'kubectl --context {Context} --namespace {RunArguments.Namespace} logs job/{name}'.",
            exitCode is > 0 and < 256 ? (ExitCode)exitCode : ExitCode.Failed);
    }

    /// <summary>The jobs mx submitted in the project's training namespace, as kubectl's table.</summary>
    public string List() =>
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, RunArguments.ListJobs(Context), "listing the training jobs")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        }).StandardOutput;

    /// <summary>Streams a job's logs until it ends.</summary>
    public void Logs(string jobName, Action<string> streamLine)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, RunArguments.FollowLogs(Context, jobName), $"following the logs of job {jobName}")
        {
            Remedy = $"List the jobs with 'mx run --list'.",
        };
        Mx.Pulumi.Internal.ToolFailures.ThrowUnlessSucceeded(invocation, _runner.RunAsync(invocation, streamLine, null).GetAwaiter().GetResult());
    }

    public void Cancel(string jobName, Action<string> say)
    {
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, RunArguments.Delete(Context, jobName), $"deleting job {jobName}")
        {
            Remedy = $"List the jobs with 'kubectl --context {Context} --namespace {RunArguments.Namespace} get jobs'.",
        });
        say($"Job {jobName} was deleted.");
    }

    // The log stream ends when the container does, a moment before the kubelet reports its exit code.
    private int JobExitCode(string job)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, RunArguments.ExitCode(Context, job), $"reading the exit code of job {job}"));
            if (int.TryParse(result.StandardOutput.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return code;
            if (attempt == 30) return (int)ExitCode.Failed;
            Thread.Sleep(TimeSpan.FromSeconds(2));
        }
    }

    // The commit names the image; uncommitted changes get a time stamp too, so no tag is ever pushed twice with
    // different contents.
    private string ImageTag()
    {
        var head = _runner.Run(new ToolInvocation(GitTool, RunArguments.GitHead(), "reading the commit") { WorkingDirectory = _project.Root });
        if (!head.Succeeded)
            throw new MxException("mx run tags the image with the project's git commit, and there is none yet: run 'git init' (if needed), 'git add -A' and 'git commit' first.");
        var status = _runner.RunChecked(new ToolInvocation(GitTool, RunArguments.GitStatus(), "reading the working tree's status") { WorkingDirectory = _project.Root });
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
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, RunArguments.CloudBuild(image, _project.State.Answers["gcp_project"].ToString()!, _project.Root), "building the image with Cloud Build"));
    }

    private string JobName(string entryPoint)
    {
        var name = $"{_project.ProjectName}-{entryPoint.ToLowerInvariant().Replace('_', '-')}-{_time.GetUtcNow():yyyyMMdd-HHmmss}";
        return name.Length <= 63 ? name : name[^63..].TrimStart('-');
    }

    private static readonly Tool GitTool = new("git", "Install git (Debian: 'apt-get install git').");
}
