using System.Text.Json.Nodes;
using Mx.Tests.Cli;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Generators = Mx.Generators;

namespace Mx.Tests.Serving;

/// <summary>
/// mx serve and its subcommands through the CLI, against a fake kubectl (Fakes/fake_serving_tool.py) whose tracking
/// server answers MLflow 3.x's REST API in its real JSON formats and whose InferenceServices carry KServe v0.20's status.
/// </summary>
[Collection(TrackingPort.Collection)]
public class ServeCommandSpecs
{
    private const string Mlflow3Run = "0123456789abcdef0123456789abcdef";
    private const string Mlflow2Run = "fedcba9876543210fedcba9876543210";
    private const string RunWithoutModel = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string LoggedModel = "m-5a1b2c3d4e5f40718293a4b5c6d7e8f9";
    private const string Bucket = "gs://acme-vision-prod-acme-vision-artifacts/mlflow";

    private static readonly JsonObject TrackingData = new()
    {
        ["runs"] = new JsonObject
        {
            [Mlflow3Run] = new JsonObject { ["logged_model"] = LoggedModel, ["experiment_id"] = "1" },
            [Mlflow2Run] = new JsonObject { ["experiment_id"] = "2" },
            [RunWithoutModel] = new JsonObject { ["experiment_id"] = "2", ["mlmodel"] = false },
        },
        ["model_versions"] = new JsonObject
        {
            ["acme-vision/3"] = new JsonObject { ["run_id"] = Mlflow3Run, ["status"] = "READY" },
            ["acme-vision/4"] = new JsonObject { ["run_id"] = Mlflow3Run, ["status"] = "PENDING_REGISTRATION" },
        },
    };

    private static RunWorld World()
    {
        var world = new RunWorld(withDocker: false, fakes: "fake_serving_tool.py");
        var generated = world.Mx("generate", "ModelServing", "--no-input");
        Assert.True(generated.ExitCode == 0, generated.All);
        var data = Path.Combine(world.Bin, "..", "mlflow-world.json");
        File.WriteAllText(data, TrackingData.ToJsonString());
        world.Extra["MX_FAKE_MLFLOW_WORLD"] = Path.GetFullPath(data);
        return world;
    }

    private static string[] Applied(RunWorld world) => world.Calls().Where(c => c.Argv.Contains("apply")).Select(c => c.Stdin!).ToArray();

    private static string[] TrackingRequests(RunWorld world) => world.Calls().Where(c => c.Tool == "mlflow").Select(c => c.Argv[0]).ToArray();

    [Fact]
    public async Task Serving_an_mlflow_3_run_deploys_its_logged_model_from_the_bucket_and_waits_until_kserve_says_ready()
    {
        using var world = World();

        var result = world.Mx("serve", Mlflow3Run);

        Assert.True(result.ExitCode == 0, result.All);
        var manifest = Assert.Single(Applied(world));
        var isvc = YamlJson.LoadAll(manifest).Single()!;
        Assert.Equal("run-01234567", isvc["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal($"{Bucket}/1/models/{LoggedModel}/artifacts", isvc["spec"]!["predictor"]!["model"]!["storageUri"]!.GetValue<string>());
        Assert.Equal($"runs:/{Mlflow3Run}", isvc["metadata"]!["annotations"]!["mx.dev/model"]!.GetValue<string>());
        var schema = await CrdSchema.LoadAsync(Path.Combine(Repository.Shared, "schemas", "crds", "serving.kserve.io_inferenceservices.v0.20.0.yaml"), "v1beta1");
        var problems = schema.Validate(isvc).Concat(InferenceServiceWebhookRules.Validate(isvc)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(["/api/2.0/mlflow/runs/get", $"/api/2.0/mlflow/logged-models/{LoggedModel}", "/api/2.0/mlflow-artifacts/artifacts"], TrackingRequests(world));
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "serving", "apply", "--filename", "-"],
            world.Calls().Single(c => c.Argv.Contains("apply")).Argv);
        Assert.True(world.Calls().Count(c => c.Argv.Contains("get") && c.Argv.Contains("run-01234567")) >= 3, "mx did not wait for the Ready condition");
        Assert.Contains("run-01234567 is ready", result.Output);
        Assert.Contains("Deployment does not have minimum availability.", result.Output);
        Assert.Contains("not reachable from outside the cluster", result.Output);
        Assert.Contains("mx serve test run-01234567 --input request.json", result.Output);
        Assert.Contains("kubectl --context mx-acme-vision-dev --namespace serving port-forward service/run-01234567-predictor 8080:80", result.Output);
    }

    [Fact]
    public void Serving_a_registered_version_uses_its_download_uri_and_reports_json()
    {
        using var world = World();

        var result = world.Mx("serve", "models:/acme-vision/3", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var answer = JsonNode.Parse(result.Output)!;
        Assert.Equal("acme-vision-v3", answer["name"]!.GetValue<string>());
        Assert.Equal("models:/acme-vision/3", answer["model"]!.GetValue<string>());
        Assert.True(answer["ready"]!.GetValue<bool>());
        Assert.Equal($"{Bucket}/1/models/{LoggedModel}/artifacts", answer["storage_uri"]!.GetValue<string>());
        Assert.Null(answer["url"]);
        Assert.Equal("http://acme-vision-v3-predictor.serving.svc.cluster.local/v2/models/acme-vision-v3/infer", answer["internal_url"]!.GetValue<string>());
        Assert.Equal(["/api/2.0/mlflow/model-versions/get", "/api/2.0/mlflow/model-versions/get-download-uri", "/api/2.0/mlflow-artifacts/artifacts"],
            TrackingRequests(world));
    }

    [Fact]
    public void An_mlflow_2_run_serves_the_model_directory_under_its_own_artifacts()
    {
        using var world = World();

        var result = world.Mx("serve", Mlflow2Run, "--name", "legacy");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"storageUri: {Bucket}/2/{Mlflow2Run}/artifacts/model", Assert.Single(Applied(world)));
        Assert.Equal(["/api/2.0/mlflow/runs/get", "/api/2.0/mlflow/artifacts/list"], TrackingRequests(world));
    }

    [Fact]
    public void A_run_mlflow_does_not_know_is_refused_with_mlflows_words_and_nothing_is_deployed()
    {
        using var world = World();

        var result = world.Mx("serve", "99999999999999999999999999999999");

        CliScenario.AssertBadInput(result, "does not know run 99999999999999999999999999999999", "Run with id=99999999999999999999999999999999 not found");
        Assert.Empty(Applied(world));
    }

    [Fact]
    public void A_model_version_the_registry_does_not_have_is_refused()
    {
        using var world = World();

        var result = world.Mx("serve", "models:/acme-vision/7");

        CliScenario.AssertBadInput(result, "Model Version (name=acme-vision, version=7) not found");
        Assert.Empty(Applied(world));
    }

    [Fact]
    public void A_model_version_still_registering_is_refused()
    {
        using var world = World();

        var result = world.Mx("serve", "models:/acme-vision/4");

        CliScenario.AssertBadInput(result, "models:/acme-vision/4 is PENDING_REGISTRATION", "not READY");
        Assert.Empty(Applied(world));
    }

    [Fact]
    public void A_run_without_an_mlmodel_file_is_refused_and_nothing_is_deployed()
    {
        using var world = World();

        var result = world.Mx("serve", RunWithoutModel);

        CliScenario.AssertBadInput(result, "has no MLmodel file", $"mlflow-artifacts:/2/{RunWithoutModel}/artifacts/model");
        Assert.Empty(Applied(world));
    }

    [Theory]
    [InlineData("Classifier", "lowercase letters")]
    [InlineData("9lives", "starting with a letter")]
    [InlineData("a-name-that-is-far-too-long-for-kserve-to-name-its-service", "at most 53")]
    public void An_invalid_name_is_refused_before_anything_is_asked(string name, string message)
    {
        using var world = World();

        var result = world.Mx("serve", Mlflow3Run, "--name", name);

        CliScenario.AssertBadInput(result, name, message);
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void Something_that_is_no_model_is_refused()
    {
        using var world = World();

        var result = world.Mx("serve", "runs:/abc/model");

        CliScenario.AssertBadInput(result, "names no model", "models:/NAME/VERSION");
        Assert.Empty(world.Calls());
    }

    [Fact]
    public void A_name_serving_another_model_is_refused_and_serving_the_same_model_again_updates_it()
    {
        using var world = World();
        Assert.Equal(0, world.Mx("serve", Mlflow3Run, "--name", "classifier").ExitCode);

        var other = world.Mx("serve", Mlflow2Run, "--name", "classifier");
        var same = world.Mx("serve", Mlflow3Run, "--name", "classifier");

        CliScenario.AssertBadInput(other, "'classifier' already serves runs:/" + Mlflow3Run, "mx serve delete classifier");
        Assert.True(same.ExitCode == 0, same.All);
        Assert.Equal(2, Applied(world).Length);
    }

    [Fact]
    public void List_test_logs_and_delete_work_on_what_is_served()
    {
        using var world = World();
        Assert.Equal(0, world.Mx("serve", Mlflow3Run, "--name", "classifier").ExitCode);
        var request = Path.Combine(world.Project, "request.json");
        File.WriteAllText(request, """{"inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP32", "data": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]}]}""");

        var list = world.Mx("serve", "list", "--json");
        var test = world.Mx("serve", "test", "classifier", "--input", "request.json");
        var logs = world.Mx("serve", "logs", "classifier");
        var followed = world.Mx("serve", "logs", "classifier", "--follow");
        var deleted = world.Mx("serve", "delete", "classifier");
        var again = world.Mx("serve", "delete", "classifier");

        Assert.True(list.ExitCode == 0, list.All);
        var model = Assert.Single(JsonNode.Parse(list.Output)!["models"]!.AsArray())!;
        Assert.Equal("classifier", model["name"]!.GetValue<string>());
        Assert.Equal($"runs:/{Mlflow3Run}", model["model"]!.GetValue<string>());
        Assert.True(test.ExitCode == 0, test.All);
        Assert.Matches(@"HTTP 200 in [0-9]+\.[0-9] ms", test.Output);
        Assert.Contains("\"model_name\": \"classifier\"", test.Output);
        var sent = world.Calls().Single(c => c.Tool == "model");
        Assert.Equal("/v2/models/classifier/infer", sent.Argv[0]);
        Assert.Equal(File.ReadAllText(request), sent.Stdin);
        Assert.Contains(world.Calls(), c => c.Argv.SequenceEqual(["--context", "mx-acme-vision-dev", "--namespace", "serving", "port-forward",
            "service/classifier-predictor", c.Argv[^1]]) && c.Argv[^1].EndsWith(":80", StringComparison.Ordinal));
        Assert.True(logs.ExitCode == 0, logs.All);
        Assert.Contains("HTTP server running on http://0.0.0.0:8080", logs.Output);
        Assert.Contains(world.Calls(), c => c.Argv.SequenceEqual(["--context", "mx-acme-vision-dev", "--namespace", "serving", "logs",
            "deployment/classifier-predictor", "--container", "kserve-container", "--tail=200"]));
        Assert.True(followed.ExitCode == 0, followed.All);
        Assert.Contains(world.Calls(), c => c.Argv.SequenceEqual(["--context", "mx-acme-vision-dev", "--namespace", "serving", "logs",
            "deployment/classifier-predictor", "--container", "kserve-container", "--tail=200", "--follow"]));
        Assert.True(deleted.ExitCode == 0, deleted.All);
        Assert.Contains("Stopped serving classifier.", deleted.Output);
        CliScenario.AssertBadInput(again, "No model is served as 'classifier'", "Nothing is served yet");
    }

    [Theory]
    [InlineData("""{"instances": [[0.1, 0.2]]}""", "speaks the Open Inference Protocol (v2) only")]
    [InlineData("""{"inputs": [[0.1, 0.2]]}""", "is not an Open Inference Protocol request")]
    [InlineData("not json", "is not JSON")]
    public void A_test_request_mlserver_cannot_read_is_refused_before_anything_is_sent(string body, string message)
    {
        using var world = World();
        File.WriteAllText(Path.Combine(world.Project, "request.json"), body);

        var result = world.Mx("serve", "test", "classifier", "--input", "request.json");

        CliScenario.AssertBadInput(result, message, "\"datatype\": \"FP32\"");
        Assert.Empty(world.Calls());
    }

    [Fact]
    public async Task With_the_gateway_applied_mx_serve_routes_the_models_path_behind_iap_and_delete_removes_the_route()
    {
        using var world = World();
        var state = Generators.StateFile.Load(world.Project)!;
        Generators.StateFile.Save(world.Project, state with
        {
            Answers = state.Answers.With("domain", "acme.ai").With("subdomain", "vision"),
            Generators = [.. state.Generators, new Generators.AppliedGenerator("DeploymentInfrastructure", "1.0.0", "builtin")],
        });

        var result = world.Mx("serve", Mlflow3Run, "--name", "classifier");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("URL: https://serve.vision.acme.ai/v2/models/classifier/infer", result.Output);
        // The sample curl authenticates through IAP with a token for the app the route below is labelled with.
        Assert.Contains("curl -H \"Authorization: Bearer $(mx token serve)\" -H \"Content-Type: application/json\" -d @request.json " +
                        "https://serve.vision.acme.ai/v2/models/classifier/infer", result.Output);
        Assert.DoesNotContain("not reachable from outside", result.Output);
        var routed = world.Calls().Single(c => c.Tool == "kubectl" && c.Stdin is { } stdin && stdin.Contains("kind: HTTPRoute")).Stdin!;
        var objects = YamlJson.LoadAll(routed).Select(o => o!).ToArray();
        Assert.Equal(["HTTPRoute", "GCPBackendPolicy", "HealthCheckPolicy"], objects.Select(o => o["kind"]!.GetValue<string>()));
        var route = objects[0];
        Assert.Equal("serve-classifier-predictor", route["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("serve", route["metadata"]!["labels"]!["mx.dev/app"]!.GetValue<string>());
        Assert.Equal("serve.vision.acme.ai", route["spec"]!["hostnames"]![0]!.GetValue<string>());
        var rule = route["spec"]!["rules"]![0]!;
        Assert.Equal("/v2/models/classifier", rule["matches"]![0]!["path"]!["value"]!.GetValue<string>());
        Assert.Equal(("classifier-predictor", 80L), (rule["backendRefs"]![0]!["name"]!.GetValue<string>(), rule["backendRefs"]![0]!["port"]!.GetValue<long>()));
        Assert.True(objects[1]["spec"]!["default"]!["iap"]!["enabled"]!.GetValue<bool>());
        Assert.Equal("/v2/health/ready", objects[2]["spec"]!["default"]!["config"]!["httpHealthCheck"]!["requestPath"]!.GetValue<string>());
        // KServe's Standard mode makes the predictor Service <name>-predictor beside the InferenceService
        // (constants.PredictorServiceName), which the policies target.
        var predictorService = JsonNode.Parse("""{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "classifier-predictor", "namespace": "serving"}}""")!;
        var problems = await Gateway.FrontDoorRules.ProblemsAsync([.. objects, predictorService]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var deleted = world.Mx("serve", "delete", "classifier");

        Assert.True(deleted.ExitCode == 0, deleted.All);
        var deletes = world.Calls().Where(c => c.Tool == "kubectl" && c.Argv.Contains("delete")).Select(c => string.Join(' ', c.Argv[4..])).ToArray();
        Assert.Contains("delete httproutes.gateway.networking.k8s.io serve-classifier-predictor --ignore-not-found --output=name", deletes);
        Assert.Contains("delete gcpbackendpolicies.networking.gke.io,healthcheckpolicies.networking.gke.io classifier-predictor --ignore-not-found --output=name", deletes);
    }

    [Fact]
    public void Serving_in_a_project_without_model_serving_is_refused()
    {
        using var world = new RunWorld(withDocker: false, fakes: "fake_serving_tool.py");

        var result = world.Mx("serve", Mlflow3Run);

        CliScenario.AssertBadInput(result, "mx generate ModelServing");
        Assert.Empty(world.Calls());
    }
}
