using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn.Workspaces;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Training;
using Mx.Templates;
using static Mx.Pulumi.Internal.KubeObjects;

namespace Mx.Pulumi.Workspaces;

/// <summary>
/// <c>mx workspace create/list/stop/start/delete</c>: renders the project's workspace template for a name, an owner
/// and a shape, applies it in the owner's namespace (their team's, else training), follows the pod through its phases
/// until sshd is ready, and keeps the ssh host of each workspace in mx's ssh config. Every object of a workspace is
/// found by its labels; a workspace belongs to the gcloud account in its <c>mx.dev/owner</c> annotation.
/// </summary>
public sealed class DevWorkspaces
{
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string WorkspaceLabel = "mx.dev/workspace";
    internal const string WarnedAtAnnotation = "mx.dev/idle-warned-at";
    internal const string KeepUntilAnnotation = ReaperOptOut.UntilAnnotation;
    private const string MaxKeepDaysAnnotation = "mx.dev/max-keep-days";
    private const int DefaultMaxKeepDays = 7;
    internal static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(30);

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;
    private readonly TimeProvider _time;
    private readonly SshConfigFile _ssh;

    internal DevWorkspaces(InfraProject project, ToolRunner runner, TimeProvider time, SshConfigFile ssh) =>
        (_project, _runner, _time, _ssh) = (project, runner, time, ssh);

    public static DevWorkspaces For(string workingDirectory) =>
        new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default, TimeProvider.System, SshConfigFile.ForUser());

    private string Context => ClusterConnection.ContextName(_project);

    /// <summary>
    /// Creates a workspace and waits until sshd answers, telling each phase as it starts; then writes its ssh host.
    /// <paramref name="addInclude"/> is asked whether the user's ~/.ssh/config may get the one Include line.
    /// </summary>
    public WorkspaceCreated Create(WorkspaceRequest request, string mxCommand, Func<string, bool> addInclude, Action<string> say)
    {
        var started = Stopwatch.GetTimestamp();
        var template = Template();
        if (request.Name is not null) WorkspaceName.Checked(request.Name);
        var shape = WorkspaceShape.Resolve(_project.State, request.Shape, request.Gpus, request.CpuOnly);
        var (publicKey, identityFile) = PublicKey(request.PublicKeyFile);
        // A config mx would refuse to edit is found before the workspace exists, not after it is ready.
        var included = _ssh.HasInclude();
        _ssh.Hosts();
        var account = Account();
        var name = request.Name ?? WorkspaceName.Default(account);
        var ns = QueuePlacement.NamespaceOf(_project.State, account);
        var existing = Objects(ns, $"{WorkspaceLabel}={name}");
        if (existing.Count > 0)
        {
            var owner = Owner(existing[0]);
            throw new MxException(existing.Any(o => Kind(o) == "Pod")
                ? $"A workspace named {name} already exists in namespace {ns} (owner {owner}). Choose another name: mx workspace create OTHER-NAME."
                : $"A stopped workspace named {name} exists in namespace {ns} (owner {owner}), with its home volume. Start it with 'mx workspace start {name}', " +
                  $"or delete it first with 'mx workspace delete {name}'.");
        }
        var image = request.Image ?? BuildImage(say);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var manifest = Render(template, name, ns, account, shape, image, publicKey, token);
        say($"Creating workspace {name} ({shape.Name}) in namespace {ns}");
        Apply(ns, manifest, $"creating workspace {name}");
        var phases = WaitReady(ns, name, say);
        var host = SshConfigFile.HostAlias(_project.ProjectName, name);
        _ssh.Upsert(SshConfigFile.Block(_project.ProjectName, name, mxCommand, _project.Root, identityFile));
        if (!included && addInclude(SshConfigFile.IncludeLine))
        {
            _ssh.AddInclude();
            included = true;
        }
        return new WorkspaceCreated(name, ns, account, shape.Name, image, host, _ssh.MxConfigPath, included, phases,
            Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 3));
    }

    /// <summary>The caller's workspaces, or with <paramref name="all"/> everyone's in every namespace.</summary>
    public IReadOnlyList<WorkspaceSummary> List(bool all)
    {
        Template();
        var account = Account();
        var selector = $"{ComponentLabel}=workspace" + (all ? "" : $",{JobOwnership.UserLabel}={JobOwnership.LabelValue(account)}");
        var objects = all
            ? Kubectl(KubectlArguments.PodsAndClaimsEverywhere(Context, selector), "listing the workspaces")
            : Kubectl(KubectlArguments.PodsAndClaims(Context, QueuePlacement.NamespaceOf(_project.State, account), selector), "listing your workspaces");
        var now = _time.GetUtcNow();
        var items = Items(objects);
        // GPU utilisation only where GPU monitoring exists and a workspace with GPUs runs: the query needs a port-forward.
        var utilisation = items.Any(o => Kind(o) == "Pod" && Annotation(o, "mx.dev/shape") != WorkspaceShape.CpuOnly)
            ? Monitoring.GpuMonitoringCluster.Of(_project, _runner)?.PodUtilisation()
            : null;
        var summaries = new List<WorkspaceSummary>();
        foreach (var group in items.GroupBy(o => (Namespace(o), Label(o, WorkspaceLabel) ?? "")).Where(g => g.Key.Item2.Length > 0))
        {
            // A label selector cannot tell one account from another with the same label value; the annotation can.
            if (!all && !string.Equals(Owner(group.First()), account, StringComparison.OrdinalIgnoreCase)) continue;
            var pod = group.FirstOrDefault(o => Kind(o) == "Pod");
            var claim = group.FirstOrDefault(o => Kind(o) == "PersistentVolumeClaim");
            var any = pod ?? claim!;
            var created = Created(claim ?? any);
            var warned = Annotation(pod, WarnedAtAnnotation);
            double? idle = warned is not null && DateTimeOffset.TryParse(warned, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? Math.Round((now - at).TotalHours, 1) : null;
            decimal? gpu = pod is not null && utilisation is not null && utilisation.TryGetValue($"{group.Key.Item1}/{pod["metadata"]!["name"]!.GetValue<string>()}", out var used)
                ? Math.Round(used, 1) : null;
            summaries.Add(new WorkspaceSummary(group.Key.Item2, group.Key.Item1, Owner(any), Annotation(any, "mx.dev/shape") ?? "-",
                pod is null ? "stopped" : IsReady(pod) ? "running" : "starting", created, Math.Round((now - created).TotalHours, 1), gpu, warned, idle,
                Annotation(pod, KeepUntilAnnotation)));
        }
        return summaries.OrderBy(s => s.Namespace, StringComparer.Ordinal).ThenBy(s => s.Workspace, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Deletes the workspace's pod and keeps its home volume and secrets.</summary>
    public string Stop(string name, bool all, Action<string> say)
    {
        var (ns, objects) = Find(name, all);
        if (!objects.Any(o => Kind(o) == "Pod")) return $"Workspace {name} is already stopped; its home volume is kept. Start it with 'mx workspace start {name}'.";
        say($"Stopping workspace {name} in namespace {ns}");
        Kubectl(KubectlArguments.DeleteSelected(Context, ns, ["pods"], $"{WorkspaceLabel}={name}"), $"stopping workspace {name}");
        return $"Stopped workspace {name}; its home volume ws-{name}-home is kept. Start it again with 'mx workspace start {name}'.";
    }

    /// <summary>Creates the pod of a stopped workspace again, on its home volume, and waits until sshd answers.</summary>
    public IReadOnlyList<WorkspacePhase> Start(string name, bool all, Action<string> say)
    {
        var template = Template();
        var (ns, objects) = Find(name, all);
        if (objects.Any(o => Kind(o) == "Pod"))
            throw new MxException($"Workspace {name} is running already; reach it with 'ssh {SshConfigFile.HostAlias(_project.ProjectName, name)}'.");
        var claim = objects.FirstOrDefault(o => Kind(o) == "PersistentVolumeClaim")
                    ?? throw new MxException($"Workspace {name} has no home volume in namespace {ns}; create it with 'mx workspace create {name}'.");
        var gpus = int.TryParse(Annotation(claim, "mx.dev/gpus"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var recorded = Annotation(claim, "mx.dev/shape");
        WorkspaceShape shape;
        try
        {
            shape = gpus == 0 ? WorkspaceShape.Resolve(_project.State, null, null, cpuOnly: true) : WorkspaceShape.Resolve(_project.State, recorded, gpus, cpuOnly: false);
        }
        catch (MxException e)
        {
            throw new MxException($"Workspace {name} ran as {recorded} with {gpus} GPU(s), which the project no longer offers ({e.Message}) " +
                                  $"Delete it and create it again with another shape; 'mx workspace delete {name}' removes its home volume too.");
        }
        var image = Annotation(claim, "mx.dev/image")
                    ?? throw new MxException($"The home volume of workspace {name} does not say which image it ran (annotation mx.dev/image); delete and create the workspace again.");
        var manifest = Render(template, name, ns, Owner(claim), shape, image, "", "");
        var podOnly = string.Join("---\n", manifest.Split("\n---\n").Where(d => d.Contains("\nkind: Pod\n", StringComparison.Ordinal)));
        say($"Starting workspace {name} ({shape.Name}) in namespace {ns}");
        Apply(ns, podOnly, $"starting workspace {name}");
        return WaitReady(ns, name, say);
    }

    /// <summary>
    /// Spares the running workspace from the idle reaper until <paramref name="until"/>, for <paramref name="reason"/>: the
    /// two annotations the reaper reads on its pod, checked against the workspace's own maximum first.
    /// </summary>
    public string Keep(string name, string until, string reason, bool all, Action<string> say)
    {
        var (ns, objects) = Find(name, all);
        var pod = objects.FirstOrDefault(o => Kind(o) == "Pod") ?? throw new MxException(
            $"Workspace {name} is stopped, and the idle reaper stops only running workspaces; start it with 'mx workspace start {name}' and keep it then.");
        var maxDays = int.TryParse(Annotation(pod, MaxKeepDaysAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days : DefaultMaxKeepDays;
        var optOut = ReaperOptOut.Parse(until, reason, _time.GetLocalNow(), maxDays, _time.LocalTimeZone);
        var podName = pod["metadata"]!["name"]!.GetValue<string>();
        say($"Keeping workspace {name} in namespace {ns} from the idle reaper");
        Kubectl(KubectlArguments.Annotate(Context, ns, $"pod/{podName}",
            [(ReaperOptOut.UntilAnnotation, optOut.UntilText), (ReaperOptOut.ReasonAnnotation, optOut.Reason)]), $"keeping workspace {name}");
        return $"Workspace {name} is kept from the idle reaper until {optOut.UntilText} ({optOut.Reason}); 'mx workspace list' shows it. " +
               "Stopping or starting it ends the opt-out.";
    }

    /// <summary>Deletes everything of the workspace, its home volume too, and its ssh host.</summary>
    public string Delete(string name, bool all, Action<string> say)
    {
        var (ns, _) = Find(name, all);
        say($"Deleting workspace {name} in namespace {ns}, with its home volume");
        Kubectl(KubectlArguments.DeleteSelected(Context, ns, ["pods", "persistentvolumeclaims", "secrets", "networkpolicies"], $"{WorkspaceLabel}={name}"), $"deleting workspace {name}");
        _ssh.Remove(SshConfigFile.HostAlias(_project.ProjectName, name));
        return $"Deleted workspace {name}, its home volume and its ssh host {SshConfigFile.HostAlias(_project.ProjectName, name)}.";
    }

    // The caller's workspace, or with --all anyone's: found in the caller's namespace first, then everywhere.
    private (string Namespace, IReadOnlyList<JsonNode> Objects) Find(string name, bool all)
    {
        WorkspaceName.Checked(name);
        var account = Account();
        var ns = QueuePlacement.NamespaceOf(_project.State, account);
        var objects = Objects(ns, $"{WorkspaceLabel}={name}");
        if (objects.Count == 0 && all)
        {
            var everywhere = Items(Kubectl(KubectlArguments.PodsAndClaimsEverywhere(Context, $"{WorkspaceLabel}={name}"), $"finding workspace {name}"));
            var namespaces = everywhere.Select(Namespace).Distinct().ToArray();
            if (namespaces.Length > 1)
                throw new MxException($"Workspaces named {name} exist in namespaces {string.Join(", ", namespaces)}; ask a cluster admin to remove the one that is not meant, with kubectl.");
            if (namespaces.Length == 1) (ns, objects) = (namespaces[0], everywhere);
        }
        if (objects.Count == 0)
            throw new MxException($"There is no workspace {name} in namespace {ns}. 'mx workspace list' shows yours{(all ? "" : ", 'mx workspace list --all' everyone's")}.");
        var owner = Owner(objects[0]);
        if (!all && !string.Equals(owner, account, StringComparison.OrdinalIgnoreCase))
            throw new MxException($"Workspace {name} belongs to {owner}, not to you ({account}). Team admins act on others' workspaces with --all.");
        return (ns, objects);
    }

    private IReadOnlyList<WorkspacePhase> WaitReady(string ns, string name, Action<string> say)
    {
        var phases = new List<WorkspacePhase>();
        var phaseStart = Stopwatch.GetTimestamp();
        var (current, detail) = ("applied", "the API server accepted the workspace's objects");
        var giveUpAt = _time.GetUtcNow() + ReadyTimeout;
        while (true)
        {
            var pod = Objects(ns, $"{WorkspaceLabel}={name}").FirstOrDefault(o => Kind(o) == "Pod");
            var (phase, said) = pod is null ? ("applied", "waiting for the pod") : Phase(ns, pod);
            if (phase != current)
            {
                phases.Add(new WorkspacePhase(current, detail, Seconds(phaseStart)));
                phaseStart = Stopwatch.GetTimestamp();
                (current, detail) = (phase, said);
                say($"  {phase}: {said}");
            }
            if (phase == "ready")
            {
                phases.Add(new WorkspacePhase("ready", said, 0));
                return phases;
            }
            if (_time.GetUtcNow() >= giveUpAt)
                throw new MxException($"Workspace {name} was not ready after {ReadyTimeout.TotalMinutes} minutes (last phase: {current}, {detail}). " +
                                      $"Look at 'kubectl --context {Context} --namespace {ns} describe pod --selector {WorkspaceLabel}={name}', then " +
                                      $"'mx workspace delete {name}' or wait and 'mx workspace list'.", ExitCode.TimedOut);
            Task.Delay(PollInterval, _time).GetAwaiter().GetResult();
        }
    }

    private static double Seconds(long since) => Math.Round(Stopwatch.GetElapsedTime(since).TotalSeconds, 3);

    // Where a pod is on its way to ready, from its status and, while it waits for a node, the autoscaler's events.
    private (string Phase, string Detail) Phase(string ns, JsonNode pod)
    {
        var status = pod["status"];
        var phase = status?["phase"]?.GetValue<string>();
        if (phase is "Failed" or "Succeeded")
            throw new MxException($"The pod of the workspace ended ({phase}: {status?["message"]?.GetValue<string>() ?? status?["reason"]?.GetValue<string>() ?? "no message"}). " +
                                  "Delete it with 'mx workspace stop NAME' and start it again; its home volume is kept.", ExitCode.Failed);
        if (pod["spec"]?["schedulingGates"] is JsonArray { Count: > 0 } gates)
            return ("queued", $"held by {string.Join(", ", gates.Select(g => g?["name"]?.GetValue<string>()))} until Kueue admits it");
        if (IsReady(pod)) return ("ready", "sshd accepts connections on port 2222");
        var scheduled = Condition(pod, "PodScheduled");
        if (scheduled?["status"]?.GetValue<string>() != "True")
        {
            var events = Items(Kubectl(KubectlArguments.PodEvents(Context, ns, pod["metadata"]!["name"]!.GetValue<string>()), "reading the workspace's events"));
            var scaleUp = events.LastOrDefault(e => e["reason"]?.GetValue<string>() == "TriggeredScaleUp");
            if (scaleUp is not null) return ("node-scaling-up", "the cluster autoscaler is adding a node");
            var notScaled = events.LastOrDefault(e => e["reason"]?.GetValue<string>() == "NotTriggerScaleUp");
            return ("waiting-for-node", notScaled?["message"]?.GetValue<string>() ?? scheduled?["message"]?.GetValue<string>() ?? "no node has room yet");
        }
        var container = (status?["containerStatuses"] as JsonArray)?.FirstOrDefault();
        var waiting = container?["state"]?["waiting"];
        var reason = waiting?["reason"]?.GetValue<string>();
        if (reason is "ErrImagePull" or "ImagePullBackOff" or "InvalidImageName")
            throw new MxException($"The workspace's image cannot be pulled ({reason}: {waiting?["message"]?.GetValue<string>() ?? "no message"}). " +
                                  "Check the image ('mx workspace create --image ...' or build it again) and that the nodes may read its registry.", ExitCode.Failed);
        if (container?["state"]?["running"] is null) return ("pulling-image", "the node is pulling the workspace image");
        return ("starting-sshd", "the container runs; waiting for sshd on port 2222");
    }

    private static JsonNode? Condition(JsonNode pod, string type) =>
        (pod["status"]?["conditions"] as JsonArray)?.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type);

    private static bool IsReady(JsonNode pod) => Condition(pod, "Ready")?["status"]?.GetValue<string>() == "True";

    private string Template()
    {
        if (!_project.State.HasApplied(DevWorkspace.GeneratorName))
            throw new MxException($"This project has no dev workspaces yet. Run 'mx generate {DevWorkspace.GeneratorName}', then 'mx up', and try again.");
        var path = Path.Combine(_project.Root, DevWorkspace.ManifestTemplate);
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new MxException($"{DevWorkspace.ManifestTemplate} is missing. Restore it with 'mx generate {DevWorkspace.GeneratorName} --force' (or git).");
    }

    internal string Render(string template, string name, string ns, string owner, WorkspaceShape shape, string image, string publicKey, string token)
    {
        var a = _project.State.Answers;
        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["owner"] = owner,
            ["user_label"] = JobOwnership.LabelValue(owner),
            ["project_name"] = _project.ProjectName,
            ["image"] = image,
            ["shape"] = shape.Name,
            ["gpus"] = shape.Gpus,
            ["gpu_type"] = shape.GpuType,
            ["queue"] = shape.Queue,
            ["node_selector"] = shape.NodeSelector,
            ["cpu"] = shape.Cpu,
            ["memory"] = shape.Memory,
            ["shm_size"] = shape.SharedMemory,
            ["home_size"] = $"{a.GetInt("workspace_home_gi")}Gi",
            ["idle_hours"] = a.GetInt("workspace_idle_hours"),
            ["max_keep_days"] = a.GetInt("workspace_max_keep_days"),
            ["authorized_keys_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(publicKey)),
            ["jupyter_token_base64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(token)),
        };
        try
        {
            return TemplateRenderer.Render(DevWorkspace.ManifestTemplate, template, model);
        }
        catch (TemplateException e)
        {
            throw new MxException($"{DevWorkspace.ManifestTemplate} cannot be rendered: {e.Message} Fix the template, or restore it with " +
                                  $"'mx generate {DevWorkspace.GeneratorName} --force'.");
        }
    }

    // The key sshd will accept: the one named, else the first of ssh's default identities that exists.
    private static (string PublicKey, string IdentityFile) PublicKey(string? file)
    {
        var ssh = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh");
        var candidates = file is not null ? [Path.GetFullPath(file)] : new[] { "id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub" }.Select(f => Path.Combine(ssh, f)).ToArray();
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
            throw new MxException(file is not null
                ? $"--public-key {file}: there is no such file. Give the .pub file of your ssh key, or make one with: ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519"
                : $"No ssh public key found ({string.Join(", ", candidates)}). Make one with: ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519  " +
                  "(or name yours with --public-key FILE), then run the command again.");
        var key = File.ReadAllText(found).Trim();
        if (!key.StartsWith("ssh-", StringComparison.Ordinal) && !key.StartsWith("ecdsa-", StringComparison.Ordinal) && !key.StartsWith("sk-", StringComparison.Ordinal)
            || key.Contains("PRIVATE KEY", StringComparison.Ordinal) || key.Contains('\n'))
            throw new MxException($"{found} is not one ssh public key (a line such as 'ssh-ed25519 AAAA... you@host'). Give the .pub file, never the private key.");
        var identity = found.EndsWith(".pub", StringComparison.Ordinal) ? found[..^4] : found;
        return (key + "\n", identity);
    }

    private string Account()
    {
        var result = _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.ConfigAccount(), "reading your gcloud account") { Remedy = "Log in with 'gcloud auth login'." });
        var account = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return account is null or "(unset)"
            ? throw new MxException("A workspace belongs to your gcloud account, and gcloud has none set. Log in with 'gcloud auth login' and run the command again.")
            : account;
    }

    private string BuildImage(Action<string> say)
    {
        if (_runner.Find(Tool.Docker) is null)
            throw new MxException("mx builds the workspace image with docker ('docker build --target workspace'), which is not on PATH. Install docker, " +
                                  "or name an image built and pushed before with --image.");
        var head = _runner.Run(new ToolInvocation(Tool.Git, RunArguments.GitHead(), "reading the commit") { WorkingDirectory = _project.Root });
        if (!head.Succeeded)
            throw new MxException("mx tags the workspace image with the project's git commit, and there is none yet: run 'git init' (if needed), 'git add -A' and 'git commit' first.");
        var status = _runner.RunChecked(new ToolInvocation(Tool.Git, RunArguments.GitStatus(), "reading the working tree's status") { WorkingDirectory = _project.Root });
        var tag = head.StandardOutput.Trim();
        if (status.StandardOutput.Trim().Length > 0) tag += $"-dirty-{_time.GetUtcNow():yyyyMMddHHmmss}";
        var jobTemplate = Path.Combine(_project.Root, TrainingJobRenderer.TemplatePath);
        var projectImage = TrainingJobRenderer.ImageWithTag(File.Exists(jobTemplate) ? File.ReadAllText(jobTemplate) : "", tag);
        var slash = projectImage.LastIndexOf('/');
        var image = $"{projectImage[..(slash + 1)]}{_project.ProjectName}-workspace:{tag}";
        say($"Building {image} with docker");
        _runner.RunChecked(new ToolInvocation(Tool.Docker, RunArguments.DockerBuild(image, _project.Root, DevWorkspace.ImageStage), "building the workspace image"));
        _runner.RunChecked(new ToolInvocation(Tool.Docker, RunArguments.DockerPush(image), "pushing the workspace image")
        {
            Remedy = $"Let docker push to Artifact Registry with 'gcloud auth configure-docker {image.Split('/')[0]}'.",
        });
        return image;
    }

    private void Apply(string ns, string manifest, string doing)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, ns), doing)
        {
            StandardInput = manifest,
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        };
        var result = _runner.Run(invocation);
        if (!result.Succeeded) throw Unreachable(result) ?? ToolFailures.Failed(invocation, result);
    }

    private IReadOnlyList<JsonNode> Objects(string ns, string selector) =>
        Items(Kubectl(KubectlArguments.PodsAndClaims(Context, ns, selector), "finding the workspace's objects"));

    private string Kubectl(IReadOnlyList<string> arguments, string doing)
    {
        var invocation = new ToolInvocation(Tool.Kubectl, arguments, doing) { Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up')." };
        var result = _runner.Run(invocation);
        if (result.Succeeded) return result.StandardOutput;
        throw Unreachable(result) ?? ToolFailures.Failed(invocation, result);
    }

    /// <summary>A kube context that is missing or a cluster that does not answer: a missing prerequisite, not a failure.</summary>
    private MxException? Unreachable(ToolResult result)
    {
        var said = result.StandardError;
        if (!ToolFailures.ClusterUnreachable(said)) return null;
        var last = said.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
        return new MxException($"mx workspace reaches the cluster through the kube context {Context}, and kubectl could not use it ({last}). " +
                               "Run 'mx connect' to add the context (after 'mx up' created the cluster), then try again.");
    }

    private static string Owner(JsonNode o) => Annotation(o, JobOwnership.OwnerAnnotation) ?? "(no owner)";

    private static DateTimeOffset Created(JsonNode o) =>
        DateTimeOffset.TryParse(o["metadata"]?["creationTimestamp"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at : DateTimeOffset.MinValue;
}
