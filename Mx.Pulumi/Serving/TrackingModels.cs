using System.Net;
using System.Text.Json.Nodes;
using Mx.Generators;

namespace Mx.Pulumi.Serving;

/// <summary>
/// Resolves a <see cref="ModelSource"/> to its model directory through the tracking server's REST API (MLflow 2.x and
/// 3.x), and checks that the directory holds an MLmodel file. A run of MLflow 3 names its logged models in
/// <c>outputs.model_outputs</c> (runs/get), each with its own artifact location (logged-models/get); a run of MLflow 2
/// keeps its model under its own artifacts, at <c>model</c> (the name the generated trainer logs it with). A registered
/// version's directory is what model-versions/get-download-uri answers.
/// </summary>
internal sealed class TrackingModels(string baseUrl, string artifactsDestination)
{
    /// <summary>The artifact path the generated trainer logs its model under (mlflow.pytorch.log_model(name="model")).</summary>
    public const string ModelPath = "model";

    private const string Api = "/api/2.0/mlflow";

    public ResolvedModel Resolve(ModelSource source)
    {
        var uri = source.IsRun ? RunModel(source.RunId!) : RegisteredModel(source.ModelName!, source.ModelVersion!);
        return new ResolvedModel(source, uri, StorageUri(uri, source));
    }

    private string RunModel(string runId)
    {
        var run = Get($"{Api}/runs/get?run_id={runId}", $"run {runId}")["run"]!;
        var outputs = run["outputs"]?["model_outputs"]?.AsArray();
        if (outputs is { Count: > 0 })
        {
            var modelId = outputs[^1]!["model_id"]!.GetValue<string>();
            var info = Get($"{Api}/logged-models/{Uri.EscapeDataString(modelId)}", $"logged model {modelId} of run {runId}")["model"]!["info"]!;
            var location = info["artifact_uri"]!.GetValue<string>();
            RequireMlmodel(ListProxied(location, $"run {runId}"), location, $"The run {runId}'s logged model {modelId}");
            return location;
        }
        var root = run["info"]!["artifact_uri"]!.GetValue<string>();
        var files = Get($"{Api}/artifacts/list?run_id={runId}&path={ModelPath}", $"the artifacts of run {runId}")["files"]?.AsArray();
        RequireMlmodel(files, $"{root}/{ModelPath}", $"The run {runId}");
        return $"{root}/{ModelPath}";
    }

    private string RegisteredModel(string name, string version)
    {
        var query = $"name={Uri.EscapeDataString(name)}&version={version}";
        var modelVersion = Get($"{Api}/model-versions/get?{query}", $"models:/{name}/{version}")["model_version"]!;
        var status = modelVersion["status"]?.GetValue<string>();
        if (status is not null and not "READY")
            throw new MxException($"models:/{name}/{version} is {status} in the model registry, not READY, so there is nothing complete to serve yet. " +
                                  "Wait until MLflow has registered it, or serve another version.");
        var location = Get($"{Api}/model-versions/get-download-uri?{query}", $"models:/{name}/{version}")["artifact_uri"]!.GetValue<string>();
        RequireMlmodel(ListProxied(location, $"models:/{name}/{version}"), location, $"models:/{name}/{version}");
        return location;
    }

    // The server runs with --serve-artifacts, so it lists any directory under its artifacts destination itself.
    private JsonArray? ListProxied(string location, string what)
    {
        var path = ProxiedPath(location) ?? throw OutsideBucket(location, what);
        return Get($"/api/2.0/mlflow-artifacts/artifacts?path={Uri.EscapeDataString(path)}", $"the artifacts of {what}")["files"]?.AsArray();
    }

    private static void RequireMlmodel(JsonArray? files, string location, string what)
    {
        var found = files?.Any(f => f!["is_dir"]?.GetValue<bool>() != true
                                    && f["path"]!.GetValue<string>().Split('/')[^1] == "MLmodel") == true;
        if (!found)
            throw new MxException($"{what} has no MLmodel file at {location}, so it holds no MLflow model to serve. Log the model with " +
                                  "mlflow.<flavour>.log_model (the generated trainer does so when mlflow.log_model is true), or serve another run or version.");
    }

    /// <summary>The path of an artifact location relative to the server's artifacts destination, or null when it is outside it.</summary>
    private string? ProxiedPath(string location)
    {
        if (location.StartsWith("mlflow-artifacts:", StringComparison.Ordinal))
        {
            var rest = location["mlflow-artifacts:".Length..];
            // mlflow-artifacts://host:port/path names the server too; the path is what counts.
            if (rest.StartsWith("//", StringComparison.Ordinal)) rest = rest[(rest.IndexOf('/', 2) is var slash and >= 0 ? slash : rest.Length)..];
            return rest.TrimStart('/');
        }
        var prefix = artifactsDestination.TrimEnd('/') + "/";
        return location.StartsWith(prefix, StringComparison.Ordinal) ? location[prefix.Length..] : null;
    }

    private string StorageUri(string location, ModelSource source) =>
        ProxiedPath(location) is { } path ? $"{artifactsDestination.TrimEnd('/')}/{path}" : throw OutsideBucket(location, source.Uri);

    private MxException OutsideBucket(string location, string what) => new(
        $"The model of {what} is stored at {location}, outside {artifactsDestination}, the only place the model server may read. " +
        "Log the model through the project's tracking server, which keeps every artifact there, and serve that run.");

    private JsonNode Get(string pathAndQuery, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        HttpStatusCode status;
        string body;
        try
        {
            using var response = http.GetAsync(baseUrl + pathAndQuery).GetAwaiter().GetResult();
            status = response.StatusCode;
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new MxException($"The MLflow tracking server did not answer at {baseUrl} ({e.Message.TrimEnd('.')}). Check that it runs: 'mx flow status'.", ExitCode.Failed);
        }
        JsonNode? answer;
        try { answer = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { answer = null; }
        var code = answer?["error_code"]?.GetValue<string>();
        var message = answer?["message"]?.GetValue<string>() ?? body.Trim();
        if (code == "RESOURCE_DOES_NOT_EXIST" || status == HttpStatusCode.NotFound && code is null)
            throw new MxException($"The tracking server does not know {what}: {message}. Check the id with 'mx flow connect' (the run's page shows it) " +
                                  "or the model registry, and run the command again.");
        if (code == "INVALID_PARAMETER_VALUE")
            throw new MxException($"The tracking server refused {what}: {message}.");
        if (!((int)status is >= 200 and < 300) || answer is null)
            throw new MxException($"The tracking server answered {(int)status} for {what}: {message}.", ExitCode.Failed);
        return answer;
    }
}
