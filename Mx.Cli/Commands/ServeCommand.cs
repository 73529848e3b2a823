using System.CommandLine;
using Mx.Generators;
using Mx.Generators.BuiltIn.Serving;
using Mx.Pulumi;
using Mx.Pulumi.Serving;
using Spectre.Console;

namespace Mx.Cli.Commands;

/// <summary>
/// <c>mx serve RUN_ID|models:/NAME/VERSION</c> and <c>mx serve list|delete|logs|test</c>: MLflow models served by
/// ModelServing's KServe.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CommandContext context)
    {
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Name of the served model (default run-<8 hex> or <model>-v<version>)" };
        var json = JsonOutput.CreateOption();
        var command = new Command("serve",
            "mx serve RUN_ID|models:/NAME/VERSION: serve an MLflow model with KServe: resolve it through the tracking server, deploy it, " +
            "wait until it is ready and print how to call it. Example: mx serve 3f2a9c0b1d4e4f5a8b6c7d8e9f0a1b2c --name classifier")
        {
            name, json, List(context), Delete(context), Logs(context), Test(context),
        };
        // The model is the one free word after 'serve', so that the subcommands' usage reads 'mx serve test NAME' rather
        // than carrying an argument of the parent.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(int (parsed) =>
        {
            var words = parsed.UnmatchedTokens;
            if (words.Count != 1 || words[0].StartsWith('-'))
                throw new MxException(words.Count == 0
                    ? "mx serve needs the model to serve: an MLflow run id or models:/NAME/VERSION, such as mx serve 3f2a9c0b1d4e4f5a8b6c7d8e9f0a1b2c. " +
                      "Its subcommands are list, delete, logs and test (mx serve --help)."
                    : $"mx serve takes one model and the options --name and --json, not '{string.Join(' ', words)}'. See mx serve --help.");
            var source = ModelSource.Parse(words[0]);
            var served = InferenceServiceName.Check(parsed.GetValue(name) ?? source.DefaultName());
            var servers = ModelServers.For(context.WorkingDirectory);
            var resolved = servers.Resolve(source);
            var quiet = parsed.GetValue(json);
            var result = servers.Serve(resolved, served, line => { if (!quiet) context.Report.Line(line); });
            var curl = result.Url is { } url ? CurlThroughIap(url) : CurlThroughPortForward(result, servers.Context);
            if (quiet)
            {
                JsonOutput.Write(context, new
                {
                    result.Name, result.Model, result.StorageUri, result.Ready, result.InternalUrl, result.Url, Curl = curl,
                    Test = $"mx serve test {result.Name} --input request.json",
                });
                return 0;
            }
            context.Report.Line($"{result.Name} is ready; inside the cluster it answers at {result.InternalUrl}");
            if (result.Url is not null)
            {
                context.Report.Line($"URL: {result.Url} (behind IAP: only the project's members get through)");
                context.Report.Line($"Call it through IAP (mx token signs an hour's token as the project's IAP caller account): {curl}");
                context.Report.Line($"or through a port-forward: mx serve test {result.Name} --input request.json");
            }
            else
            {
                context.Report.Line("It is not reachable from outside the cluster: the project has no gateway yet ('mx generate DeploymentInfrastructure' adds one, behind IAP).");
                context.Report.Line($"Call it through a port-forward: mx serve test {result.Name} --input request.json");
                context.Report.Line($"or: {curl}");
            }
            context.Report.Line("request.json is an Open Inference Protocol request: {\"inputs\": [{\"name\": \"input-0\", \"shape\": [1, 4], \"datatype\": \"FP32\", \"data\": [0.1, 0.2, 0.3, 0.4]}]}");
            return 0;
        });
        return command;
    }

    /// <summary>A curl that calls the model at its public URL with a token IAP accepts (<c>mx token</c>).</summary>
    private static string CurlThroughIap(string url) =>
        $"curl -H \"Authorization: Bearer $(mx token {ServingRoute.AppName})\" -H \"Content-Type: application/json\" -d @request.json {url}";

    /// <summary>A curl that calls the model through a port-forward, which needs only the engineer's cluster access.</summary>
    private static string CurlThroughPortForward(ServedModel model, string kubeContext) =>
        $"kubectl --context {kubeContext} --namespace serving port-forward service/{InferenceServiceName.PredictorService(model.Name)} 8080:80 & " +
        $"curl -H \"Content-Type: application/json\" -d @request.json http://localhost:8080{model.InferPath}";

    private static Command List(CommandContext context)
    {
        var json = JsonOutput.CreateOption();
        var command = new Command("list", "The served models: what each serves, whether it is ready and where it answers. Example: mx serve list") { json };
        command.SetAction(int (parsed) =>
        {
            var models = ModelServers.For(context.WorkingDirectory).List();
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context, new { Models = models });
                return 0;
            }
            if (models.Count == 0)
            {
                context.Console.MarkupLine("No model is served yet; serve a run with 'mx serve RUN_ID'.");
                return 0;
            }
            var table = new Table().AddColumns("Name", "Model", "Ready", "URL");
            foreach (var m in models)
                table.AddRow(Markup.Escape(m.Name), Markup.Escape(m.Model ?? "-"), Markup.Escape(m.Ready ? "yes" : $"no ({m.Reason})"),
                    Markup.Escape(m.Url ?? m.InternalUrl));
            context.Console.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Delete(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The served model's name" };
        var command = new Command("delete", "Stop serving a model (KServe removes its pods, Service and autoscaler). Example: mx serve delete classifier") { name };
        command.SetAction(int (parsed) =>
        {
            var served = parsed.GetValue(name)!;
            ModelServers.For(context.WorkingDirectory).Delete(served);
            context.Report.Line($"Stopped serving {served}.");
            return 0;
        });
        return command;
    }

    private static Command Logs(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The served model's name" };
        var follow = new Option<bool>("--follow") { Description = "Keep printing new lines until Ctrl+C" };
        var command = new Command("logs", "The model server's log (MLServer) of a served model. Example: mx serve logs classifier --follow") { name, follow };
        command.SetAction(int (parsed) =>
        {
            using var interruption = new Interruption();
            return ModelServers.For(context.WorkingDirectory).Logs(parsed.GetValue(name)!, parsed.GetValue(follow), line => context.Report.Line(line), interruption);
        });
        return command;
    }

    private static Command Test(CommandContext context)
    {
        var name = new Argument<string>("name") { Description = "The served model's name" };
        var input = new Option<string>("--input")
        {
            HelpName = "FILE", Required = true,
            Description = "An Open Inference Protocol (v2) request as JSON: {\"inputs\": [{\"name\", \"shape\", \"datatype\", \"data\"}]}",
        };
        var json = JsonOutput.CreateOption();
        var command = new Command("test", "Send a request to a served model through a port-forward and show its answer and latency. Example: mx serve test classifier --input request.json")
        {
            name, input, json,
        };
        command.SetAction(int (parsed) =>
        {
            var file = parsed.GetValue(input)!;
            var path = Path.Combine(context.WorkingDirectory, file);
            if (!File.Exists(path)) throw new MxException($"--input {file} does not exist. Give the path of a JSON request file.");
            var request = ModelServers.CheckRequest(File.ReadAllText(path), file);
            var answer = ModelServers.For(context.WorkingDirectory).Test(parsed.GetValue(name)!, request);
            var ok = answer.Status is >= 200 and < 300;
            if (parsed.GetValue(json))
                JsonOutput.Write(context, new { answer.Status, answer.LatencyMs, Answer = System.Text.Json.Nodes.JsonNode.Parse(answer.Body is { Length: > 0 } b ? b : "null") });
            else
            {
                context.Report.Line($"HTTP {answer.Status} in {answer.LatencyMs:0.0} ms");
                context.Report.Line(Pretty(answer.Body));
            }
            if (!ok && !parsed.GetValue(json))
                throw new MxException($"The model answered HTTP {answer.Status}. See its log with 'mx serve logs {parsed.GetValue(name)}'.", ExitCode.Failed);
            return ok ? 0 : (int)ExitCode.Failed;
        });
        return command;
    }

    private static string Pretty(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
