using Mx.Generators;
using Mx.Generators.BuiltIn.Streamlit;
using Mx.Pulumi.Gateway;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Training;

namespace Mx.Pulumi.Apps;

/// <summary>
/// <c>mx app deploy NAME</c> and <c>mx app logs NAME</c> for the project's Streamlit apps: build the app's image stage
/// (docker when there is one, else Cloud Build), push it under the commit's tag as <c>mx run</c> does, record the tag in
/// <c>infra/k8s/apps/kustomization.yaml</c> so the next <c>mx up</c> applies the same image, and roll the Deployment out.
/// </summary>
public sealed class AppRollout
{
    private readonly InfraProject _project;
    private readonly ToolRunner _runner;
    private readonly TimeProvider _time;

    internal AppRollout(InfraProject project, ToolRunner runner, TimeProvider time) => (_project, _runner, _time) = (project, runner, time);

    public static AppRollout For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default, TimeProvider.System);

    private string Context => ClusterConnection.ContextName(_project);

    /// <summary>Builds, pushes and rolls out app <paramref name="name"/>; returns it with its URL.</summary>
    public FrontDoorApp Deploy(string name, Action<string> say)
    {
        var app = Find(name);
        RequireStage(name);
        RequireCluster();
        var tag = ImageTag();
        var image = $"{StreamlitApps.Image(_project.State.Answers, name)}:{tag}";
        Build(name, image, say);
        Record(name, tag);
        var deployment = $"deployment/{name}";
        say($"Rolling out {image} to {deployment} in namespace {app.Namespace}");
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, AppArguments.SetImage(Context, app.Namespace!, deployment, StreamlitApps.ContainerName, image),
            $"setting the image of app '{name}'")
        {
            Remedy = $"Apply the app first with 'mx up' (the platform deployment '{StreamlitApps.Deployment}'), then run the command again.",
        });
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, AppArguments.RolloutStatus(Context, app.Namespace!, deployment), $"waiting for the rollout of app '{name}'")
        {
            Remedy = $"See why with 'mx app logs {name}' and 'kubectl --context {Context} --namespace {app.Namespace} describe {deployment}'.",
        });
        return app;
    }

    /// <summary>The logs of app <paramref name="name"/>'s pods, each line to <paramref name="line"/>; following them until interrupted with <paramref name="follow"/>.</summary>
    public void Logs(string name, bool follow, Action<string> line, CancellationToken stop)
    {
        var app = Find(name);
        RequireCluster();
        var invocation = new ToolInvocation(Tool.Kubectl, AppArguments.Logs(Context, app.Namespace!, $"deployment/{name}", StreamlitApps.ContainerName, follow),
            $"reading the logs of app '{name}'")
        {
            Remedy = $"Check that the app runs ('mx app deploy {name}') and that 'mx connect' was run.",
        };
        var result = _runner.RunAsync(invocation, line, stop).GetAwaiter().GetResult();
        if (!stop.IsCancellationRequested) ToolFailures.ThrowUnlessSucceeded(invocation, result);
    }

    private FrontDoorApp Find(string name)
    {
        var apps = StreamlitApps.InState(_project.State);
        if (!apps.Contains(name))
            throw new MxException(apps.Count == 0
                ? $"This project has no Streamlit app, so there is no app '{name}' to act on. Add one with 'mx generate StreamlitApp --name {name}'."
                : $"There is no Streamlit app '{name}' in this project (apps: {string.Join(", ", apps)}). Add it with 'mx generate StreamlitApp --name {name}'.");
        return FrontDoorApps.InProject(_project.Root).FirstOrDefault(a => a.Name == name)
               ?? throw new MxException($"{StreamlitApps.Folder(name)}/route.yaml no longer declares the route of app '{name}'. Restore it with " +
                                        "'mx update StreamlitApp' and run the command again.");
    }

    // The stage is StreamlitApp's edit of the skeleton's Dockerfile, which a later hand edit or re-render may have lost.
    private void RequireStage(string name)
    {
        var dockerfile = Path.Combine(_project.Root, AppImageStage.Path);
        var stage = StreamlitApps.Stage(name);
        var lines = File.Exists(dockerfile) ? File.ReadAllLines(dockerfile) : [];
        if (!lines.Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var from, _, var asKeyword, var named]
                            && from.Equals("FROM", StringComparison.OrdinalIgnoreCase) && asKeyword.Equals("AS", StringComparison.OrdinalIgnoreCase) && named == stage))
            throw new MxException($"The Dockerfile has no stage {stage}, which the image of app '{name}' is built from. Add it back with " +
                                  $"'mx update {StreamlitApp.GeneratorName}', then run the command again.");
    }

    // No command reaches a cluster that mx up did not create, or one this machine holds no credentials for.
    private void RequireCluster()
    {
        if (!_project.State.Infra.Outputs.ContainsKey("cluster.clusterName"))
            throw new MxException("This project has no cluster yet, so the app has nowhere to run. Create it with 'mx up', then run the command again.");
        var contexts = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.ContextNames(), "listing kube contexts")
        {
            Remedy = "Check that your kubeconfig (~/.kube/config or $KUBECONFIG) is valid.",
        }).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!contexts.Contains(Context))
            throw new MxException($"This machine has no connection to the project's cluster (no kube context {Context}). Run 'mx connect', then the command again.");
    }

    // The commit names the image, as for mx run; uncommitted changes get a time stamp too, since the repository's tags
    // are immutable.
    private string ImageTag()
    {
        var head = _runner.Run(new ToolInvocation(Tool.Git, RunArguments.GitHead(), "reading the commit") { WorkingDirectory = _project.Root });
        if (!head.Succeeded)
            throw new MxException("mx app deploy tags the image with the project's git commit, and there is none yet: run 'git init' (if needed), 'git add -A' and 'git commit' first.");
        var status = _runner.RunChecked(new ToolInvocation(Tool.Git, RunArguments.GitStatus(), "reading the working tree's status") { WorkingDirectory = _project.Root });
        var tag = head.StandardOutput.Trim();
        return status.StandardOutput.Trim().Length == 0 ? tag : $"{tag}-dirty-{_time.GetUtcNow():yyyyMMddHHmmss}";
    }

    private void Build(string name, string image, Action<string> say)
    {
        var stage = StreamlitApps.Stage(name);
        if (_runner.Find(Tool.Docker) is not null)
        {
            say($"Building {image} (Dockerfile stage {stage}) with docker");
            _runner.RunChecked(new ToolInvocation(Tool.Docker, AppArguments.DockerBuild(image, stage, _project.Root), $"building the image of app '{name}'"));
            _runner.RunChecked(new ToolInvocation(Tool.Docker, RunArguments.DockerPush(image), $"pushing the image of app '{name}'")
            {
                Remedy = $"Let docker push to Artifact Registry with 'gcloud auth configure-docker {image.Split('/')[0]}'.",
            });
            return;
        }
        say($"Building {image} (Dockerfile stage {stage}) with Cloud Build (no local docker)");
        // 'gcloud builds submit --tag' builds the Dockerfile's default target only; a build config can name the stage.
        var config = Path.Combine(Path.GetTempPath(), $"mx-app-{name}-{Guid.NewGuid():N}.cloudbuild.yaml");
        File.WriteAllText(config, AppArguments.CloudBuildConfig(image, stage));
        try
        {
            _runner.RunChecked(new ToolInvocation(Tool.Gcloud, AppArguments.CloudBuild(config, _project.GcpProject, _project.Root), $"building the image of app '{name}' with Cloud Build"));
        }
        finally
        {
            File.Delete(config);
        }
    }

    // The tag goes into the project like any change mx makes to a file: through the lock, the three-way comparison and
    // the journal, so a user's own edits of the kustomization stay.
    private void Record(string name, string tag)
    {
        var project = _project.ProjectName;
        var edit = new FileEdit(StreamlitApps.AppsKustomization, $"set the image tag of app '{name}' to {tag}",
            text => AppsKustomization.WithTag(text, project, name, tag));
        new GenerationService(new GeneratorCatalog(Array.Empty<IGenerator>()), prompter: null)
            .Apply(_project.Root, "mx app deploy", new Plan([], [], [edit]));
    }
}
