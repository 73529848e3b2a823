using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Generators.BuiltIn.Serving;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Monitoring;
using Mx.Pulumi.Tracking;
using Mx.Pulumi.Training;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Serving;

/// <summary>
/// The models ModelServing's KServe serves, seen from this machine: <c>mx serve</c> resolves a run or registered version
/// through the tracking server, deploys the project's InferenceService template for it and waits until KServe says it is
/// ready; <c>list</c>, <c>logs</c>, <c>delete</c> and <c>test</c> work on what is served. Every call names the project's
/// kube context and the serving namespace, so the user's current context never decides which cluster is asked.
/// </summary>
public sealed class ModelServers
{
    public const string Resource = "inferenceservices.serving.kserve.io";
    private const string ModelAnnotation = "mx.dev/model";
    private const string ModelUriAnnotation = "mx.dev/model-uri";
    private const string ManagedSelector = "app.kubernetes.io/managed-by=mx";
    private const string ServingContainer = "kserve-container";
    private const int PredictorPort = 80;
    private const string TrackingDeployment = "infra/k8s/training-infra/mlflow-deployment.yaml";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(20);

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;

    private ModelServers(InfraProject project, ToolRunner runner) => (_project, _runner) = (project, runner);

    public static ModelServers For(string workingDirectory)
    {
        var project = InfraProject.Load(workingDirectory, null, null);
        if (!project.State.HasApplied(ModelServing.GeneratorName))
            throw new MxException("This project serves no models yet. Add serving with 'mx generate ModelServing', deploy it with 'mx up', " +
                                  "and run the command again.");
        return new ModelServers(project, ToolRunner.Default);
    }

    /// <summary>The project's kube context, which every kubectl call (and every command mx prints) names.</summary>
    public string Context => ClusterConnection.ContextName(_project);

    private const string Namespace = ModelServing.Namespace;

    /// <summary>The public base URL of the served models (the gateway's <c>serve</c> app), or null while the project has no gateway.</summary>
    public string? PublicBaseUrl => ServingRoute.BaseUrl(_project.State);

    /// <summary>Where the MLflow server keeps artifacts: its --artifacts-destination, the folder the model server may read.</summary>
    private string ArtifactsDestination()
    {
        var path = Path.Combine(_project.Root, TrackingDeployment);
        var flag = File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("- --artifacts-destination=", StringComparison.Ordinal))
            : null;
        return flag?["- --artifacts-destination=".Length..] ?? $"gs://{ModelServing.ArtifactsBucket(_project.State.Answers)}/mlflow";
    }

    /// <summary>Resolves the model through the tracking server (reached the way 'mx flow' reaches it) and checks its MLmodel file.</summary>
    public ResolvedModel Resolve(ModelSource source)
    {
        using var forward = TrackingServer.For(_project.Root).Reach(TrackingServer.DefaultPort);
        return new TrackingModels(TrackingServer.Url(TrackingServer.DefaultPort), ArtifactsDestination()).Resolve(source);
    }

    /// <summary>
    /// Deploys <paramref name="model"/> as <paramref name="name"/> (replacing what the name served only when it is the same
    /// model), then waits until KServe reports it ready; <paramref name="say"/> hears the steps.
    /// </summary>
    public ServedModel Serve(ResolvedModel model, string name, Action<string> say)
    {
        InferenceServiceName.Check(name);
        var manifest = Manifest(model, name);
        if (Find(name) is { } existing && Annotation(existing, ModelAnnotation) is var serving && serving != model.Source.Uri)
            throw new MxException($"'{name}' already serves {serving ?? "a model mx did not deploy"}. Choose another name with --name, " +
                                  $"or stop that one first with 'mx serve delete {name}'.");
        say($"Serving {model.Source} as {name} from {model.StorageUri}");
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, Namespace), $"deploying the InferenceService {name}")
        {
            StandardInput = manifest,
            Remedy = "Check that 'mx connect' was run and that KServe is deployed ('mx up' after 'mx generate ModelServing').",
        });
        if (ServingRoute.Backend(_project.State, name) is { } backend)
        {
            // The route and its IAP policy come from the gateway's one helper, so the model is never exposed without IAP.
            _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, Namespace), $"routing {PublicBaseUrl}/v2/models/{name} to {name}")
            {
                StandardInput = GatewayApp.Manifests(_project.State.Answers, backend),
                Remedy = "Check that the gateway is deployed ('mx up' after 'mx generate DeploymentInfrastructure').",
            });
            say($"Routed {PublicBaseUrl}/v2/models/{name}/ to it through the gateway, behind IAP");
        }
        say($"Deployed InferenceService {Namespace}/{name}; waiting until KServe reports it ready (a GPU node or the runtime image may take minutes)...");
        var deadline = DateTime.UtcNow + ReadyTimeout;
        var pause = TimeSpan.FromSeconds(1);
        string? lastReason = null;
        while (true)
        {
            var current = Find(name) is { } found ? View(found) : null;
            if (current is { Ready: true }) return current;
            if (current?.Reason is { } reason && reason != lastReason) say($"  {reason}");
            lastReason = current?.Reason ?? lastReason;
            if (DateTime.UtcNow + pause > deadline)
                throw new MxException($"{name} was not ready after {ReadyTimeout.TotalMinutes:0} minutes ({lastReason ?? "KServe reported no condition"}). " +
                                      $"See why with 'mx serve logs {name}' and kubectl --context {Context} --namespace {Namespace} describe inferenceservice {name}; " +
                                      "it stays deployed, so 'mx serve list' shows when it becomes ready.", ExitCode.Failed);
            Thread.Sleep(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    /// <summary>The project's InferenceService template, made this model's: its name, its source and its storage URI.</summary>
    internal string Manifest(ResolvedModel model, string name)
    {
        var path = Path.Combine(_project.Root, ModelServing.InferenceServiceTemplate);
        if (!File.Exists(path))
            throw new MxException($"{ModelServing.InferenceServiceTemplate} is missing, so mx does not know how to serve a model here. " +
                                  "Restore it with 'mx generate ModelServing' (or git) and run the command again.");
        return ManifestYaml.Edit(File.ReadAllText(path), root =>
        {
            if (root.Children.TryGetValue(new YamlScalarNode("kind"), out var kind) && kind.ToString() != "InferenceService"
                || Child(Child(Child(root, "spec"), "predictor"), "model") is not { } predictorModel)
                throw new MxException($"{ModelServing.InferenceServiceTemplate} is not an InferenceService with spec.predictor.model, which mx serve fills in. " +
                                      "Restore it with 'mx generate ModelServing' (or git) and run the command again.");
            var metadata = Child(root, "metadata")!;
            metadata.Children[new YamlScalarNode("name")] = new YamlScalarNode(name);
            metadata.Children[new YamlScalarNode("namespace")] = new YamlScalarNode(Namespace);
            if (Child(metadata, "labels") is not { } labels)
                metadata.Children[new YamlScalarNode("labels")] = labels = new YamlMappingNode();
            labels.Children[new YamlScalarNode("app.kubernetes.io/name")] = new YamlScalarNode(name);
            if (Child(metadata, "annotations") is not { } annotations)
                metadata.Children[new YamlScalarNode("annotations")] = annotations = new YamlMappingNode();
            annotations.Children[new YamlScalarNode(ModelAnnotation)] = new YamlScalarNode(model.Source.Uri);
            annotations.Children[new YamlScalarNode(ModelUriAnnotation)] = new YamlScalarNode(model.ArtifactUri);
            predictorModel.Children[new YamlScalarNode("storageUri")] = new YamlScalarNode(model.StorageUri);
        });
    }

    private static YamlMappingNode? Child(YamlMappingNode? node, string key) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child as YamlMappingNode : null;

    /// <summary>Every model mx serves in the project, by name.</summary>
    public IReadOnlyList<ServedModel> List()
    {
        var listed = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.ListJson(Context, Namespace, Resource, ManagedSelector),
            "listing the served models") { Remedy = Remedy });
        return KubeObjects.Items(listed.StandardOutput).Select(View).OrderBy(m => m.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Stops serving <paramref name="name"/>; KServe removes its Deployment, Service and autoscaler with it.</summary>
    public void Delete(string name)
    {
        InferenceServiceName.Check(name);
        var deleted = _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Delete(Context, Namespace, [Resource], name),
            $"deleting the InferenceService {name}") { Remedy = Remedy }).StandardOutput.Trim();
        if (deleted.Length == 0) throw NotServed(name);
        if (ServingRoute.Backend(_project.State, name) is not { } backend) return;
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Delete(Context, Namespace, [GatewayApp.RouteKind], backend.RouteName),
            $"removing the route of {name}") { Remedy = Remedy });
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Delete(Context, Namespace, GatewayApp.PolicyKinds, backend.Service),
            $"removing the IAP policy of {name}") { Remedy = Remedy });
    }

    /// <summary>The model server's log of <paramref name="name"/>, followed until it ends or the user interrupts.</summary>
    public int Logs(string name, bool follow, Action<string> line, Interruption interruption)
    {
        RequireServed(name);
        var result = _runner.RunAsync(new ToolInvocation(Tool.Kubectl,
            KubectlArguments.ContainerLogs(Context, Namespace, $"deployment/{InferenceServiceName.PredictorService(name)}", ServingContainer, 200, follow),
            $"reading the log of {name}") { Remedy = Remedy }, line, interruption).GetAwaiter().GetResult();
        if (result.Interrupted) return (int)ExitCode.Interrupted;
        if (!result.Succeeded)
            throw new MxException($"kubectl could not read the log of {name} ({ServiceForward.LastLine(result.StandardError) ?? $"exit code {result.ExitCode}"}). " +
                                  $"Its pods may not have started yet: kubectl --context {Context} --namespace {Namespace} get pods.", ExitCode.Failed);
        return 0;
    }

    /// <summary>
    /// Sends <paramref name="request"/> (an Open Inference Protocol request body) to <paramref name="name"/>'s predictor
    /// through a port-forward and times the answer.
    /// </summary>
    public ModelTestAnswer Test(string name, string request)
    {
        RequireServed(name);
        var port = LoopbackPorts.Free();
        var service = "service/" + InferenceServiceName.PredictorService(name);
        using var forward = ServiceForward.Open(_runner,
            new ToolInvocation(Tool.Kubectl, KubectlArguments.PortForward(Context, Namespace, service, port, PredictorPort), $"forwarding port {port} to {name}")
            {
                Remedy = Remedy,
            }, port, reason => new MxException(
                $"kubectl could not forward a port to {name}'s predictor ({reason}). Check that it is ready with 'mx serve list'.", ExitCode.Failed));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(request, Encoding.UTF8, "application/json");
            using var response = http.PostAsync($"http://localhost:{port}/v2/models/{name}/infer", content).GetAwaiter().GetResult();
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            clock.Stop();
            return new ModelTestAnswer((int)response.StatusCode, body, Math.Round(clock.Elapsed.TotalMilliseconds, 1));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new MxException($"{name} did not answer through the port-forward ({e.Message.TrimEnd('.')}). See its log with 'mx serve logs {name}'.", ExitCode.Failed);
        }
    }

    /// <summary>Checks that <paramref name="request"/> is an Open Inference Protocol (v2) request, the one MLServer answers.</summary>
    public static string CheckRequest(string request, string file)
    {
        JsonNode? body;
        try { body = JsonNode.Parse(request); }
        catch (System.Text.Json.JsonException e) { throw new MxException($"{file} is not JSON ({e.Message}). {RequestShape}"); }
        if (body is JsonObject o && (o.ContainsKey("instances") || o.ContainsKey("dataframe_split") || o.ContainsKey("dataframe_records")))
            throw new MxException($"{file} is a v1 or MLflow scoring request, but KServe's MLServer runtime speaks the Open Inference Protocol (v2) only. {RequestShape}");
        if (body?["inputs"] is not JsonArray inputs || inputs.Count == 0
            || inputs.Any(i => i is not JsonObject input || input["name"] is null || input["shape"] is not JsonArray || input["datatype"] is null || input["data"] is null))
            throw new MxException($"{file} is not an Open Inference Protocol request. {RequestShape}");
        return request;
    }

    private const string RequestShape =
        "Write {\"inputs\": [{\"name\": \"input-0\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [0.1, 0.2, 0.3, 0.4]}]}, with the shape and " +
        "datatype of the model's signature (its MLmodel file).";

    private void RequireServed(string name)
    {
        InferenceServiceName.Check(name);
        if (Find(name) is null) throw NotServed(name);
    }

    private MxException NotServed(string name)
    {
        var served = List().Select(m => m.Name).ToArray();
        return new MxException($"No model is served as '{name}'. " +
                               (served.Length == 0 ? "Nothing is served yet; serve a run with 'mx serve RUN_ID'." : $"Served: {string.Join(", ", served)}."));
    }

    private JsonNode? Find(string name)
    {
        var result = _runner.Run(new ToolInvocation(Tool.Kubectl, KubectlArguments.GetJson(Context, Namespace, Resource, name), $"reading the InferenceService {name}"));
        if (result.Succeeded) return JsonNode.Parse(result.StandardOutput);
        if (result.StandardError.Contains("NotFound", StringComparison.Ordinal) || result.StandardError.Contains("not found", StringComparison.Ordinal)) return null;
        throw new MxException($"kubectl could not read the InferenceService {name} ({ServiceForward.LastLine(result.StandardError) ?? $"exit code {result.ExitCode}"}). {Remedy}",
            ExitCode.Failed);
    }

    private ServedModel View(JsonNode isvc)
    {
        var name = isvc["metadata"]!["name"]!.GetValue<string>();
        var conditions = isvc["status"]?["conditions"]?.AsArray() ?? [];
        var ready = conditions.FirstOrDefault(c => c?["type"]?.GetValue<string>() == "Ready");
        var isReady = ready?["status"]?.GetValue<string>() == "True";
        var notReady = conditions.Where(c => c?["status"]?.GetValue<string>() != "True")
            .Select(c => $"{c!["type"]}: {c["message"] ?? c["reason"] ?? "not yet"}").FirstOrDefault();
        var url = PublicBaseUrl is { } baseUrl ? $"{baseUrl}/v2/models/{name}/infer" : null;
        return new ServedModel(name, Annotation(isvc, ModelAnnotation), isvc["spec"]?["predictor"]?["model"]?["storageUri"]?.GetValue<string>(),
            isReady, isReady ? null : notReady ?? (conditions.Count == 0 ? "waiting for KServe to reconcile it" : null),
            $"http://{InferenceServiceName.PredictorService(name)}.{Namespace}.svc.cluster.local/v2/models/{name}/infer", url);
    }

    private static string? Annotation(JsonNode isvc, string key) => isvc["metadata"]?["annotations"]?[key]?.GetValue<string>();

    private string Remedy => $"Check that 'mx connect' was run and that serving is deployed ('mx up'): kubectl --context {Context} --namespace {Namespace} get inferenceservices.";
}
