using System.Text.Json.Nodes;
using Mx.Tests.Support;

namespace Mx.Tests.Streamlit;

/// <summary>
/// The sample's app compiles, and runs as 'streamlit run' runs it (as __main__) with the real PyTorch and the project's
/// own model, against stand-ins for streamlit and MLflow (neither is installable here): stubs/streamlit records what the
/// page shows, stubs/mlflow loads a pickled model for one runs:/ URI and fails like MLflow for any other.
/// </summary>
public class StreamlitAppPythonSpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-streamlit");
    private static string AppFile => Path.Combine(Sample, "src", "acme_vision", "apps", "demo.py");

    private const string StreamlitStub = """
        import json
        import os

        _RECORD = os.environ["STUB_RECORD"]


        class StopException(Exception):
            pass


        def _log(kind, *args):
            with open(_RECORD, "a") as f:
                f.write(json.dumps([kind, *[a if isinstance(a, (str, int, float, list)) else repr(a) for a in args]]) + "\n")


        def cache_resource(show_spinner=None):
            def decorate(function):
                cache = {}

                def cached(*args):
                    if args not in cache:
                        cache[args] = function(*args)
                    return cache[args]

                return cached

            return decorate


        def set_page_config(page_title=None):
            _log("page_title", page_title)


        def title(text):
            _log("title", text)


        def text_input(label, value="", help=None):
            return os.environ.get("STUB_URI", value)


        def text_area(label, value=""):
            _log("text_area", label, value)
            return os.environ.get("STUB_FEATURES", value)


        def error(text):
            _log("error", text)


        def warning(text):
            _log("warning", text)


        def subheader(text):
            _log("subheader", text)


        def write(value):
            _log("write", value)


        def stop():
            raise StopException()
        """;

    private const string MlflowStub = """
        def get_tracking_uri():
            return "http://mlflow.mlflow.svc.cluster.local:5000"
        """;

    private const string MlflowPytorchStub = """
        import os

        import torch


        class MlflowException(Exception):
            pass


        def load_model(model_uri):
            if model_uri != "runs:/0123abcd/model":
                raise MlflowException(f"RESOURCE_DOES_NOT_EXIST: Run '{model_uri}' not found")
            return torch.load(os.environ["STUB_MODEL"], weights_only=False)
        """;

    // Saves one of the project's own models with fixed weights, runs the app as streamlit would, and prints what the
    // page showed with the prediction the model gives for the same input.
    private const string Driver = """
        import json
        import os
        import runpy
        import sys

        import torch

        from acme_vision.model import MLP

        torch.manual_seed(7)
        model = MLP(in_features=3, hidden_size=8, out_features=1)
        torch.save(model, os.environ["STUB_MODEL"])
        try:
            runpy.run_path(sys.argv[1], run_name="__main__")
        except Exception as stopped:
            if type(stopped).__name__ != "StopException":
                raise
        with open(os.environ["STUB_RECORD"]) as f:
            shown = [json.loads(line) for line in f]
        with torch.no_grad():
            expected = model(torch.tensor([[1.0, 2.0, 3.0]]))[0].tolist()
        print(json.dumps({"shown": shown, "expected": expected}))
        """;

    [Fact]
    public void The_app_compiles()
    {
        var (exitCode, errors) = PythonCompiler.Compile([AppFile, Path.Combine(Sample, "src", "acme_vision", "apps", "__init__.py")]);

        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public void The_app_shows_the_models_prediction_for_the_numbers_entered()
    {
        var shown = Run(new() { ["MODEL_URI"] = "runs:/0123abcd/model", ["STUB_FEATURES"] = "1, 2 3" });

        Assert.Equal("acme-vision: demo", Entry(shown, "title")[1]!.GetValue<string>());
        Assert.Equal("0 0 0", Entry(shown, "text_area")[2]!.GetValue<string>());
        var written = Entry(shown, "write")[1]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var expected = shown["expected"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(expected.Length, written.Length);
        Assert.All(expected.Zip(written), p => Assert.Equal(p.First, p.Second, 6));
    }

    [Fact]
    public void A_model_mlflow_does_not_know_is_shown_as_an_error_on_the_page()
    {
        var shown = Run(new() { ["MODEL_URI"] = "runs:/ffff/model" });

        Assert.Contains("Cannot load runs:/ffff/model from http://mlflow.mlflow.svc.cluster.local:5000: RESOURCE_DOES_NOT_EXIST",
            Entry(shown, "error")[1]!.GetValue<string>());
        Assert.DoesNotContain(shown["shown"]!.AsArray(), e => e![0]!.GetValue<string>() == "write");
    }

    [Fact]
    public void Without_model_uri_the_page_opens_with_the_latest_registered_version_and_a_wrong_count_of_inputs_is_a_warning()
    {
        var unset = Run(new() { ["STUB_FEATURES"] = "1 2 3" });
        var wrongCount = Run(new() { ["MODEL_URI"] = "runs:/0123abcd/model", ["STUB_FEATURES"] = "1 2" });

        Assert.Contains("Cannot load models:/acme-vision/latest", Entry(unset, "error")[1]!.GetValue<string>());
        Assert.Equal("the model takes 3 numbers, got 2", Entry(wrongCount, "warning")[1]!.GetValue<string>());
    }

    private static JsonArray Entry(JsonNode shown, string kind) =>
        shown["shown"]!.AsArray().Select(e => e!.AsArray()).Single(e => e[0]!.GetValue<string>() == kind);

    private static JsonNode Run(Dictionary<string, string?> environment)
    {
        using var dir = new TempDirectory();
        var stubs = dir.Combine("stubs");
        Directory.CreateDirectory(Path.Combine(stubs, "streamlit"));
        Directory.CreateDirectory(Path.Combine(stubs, "mlflow"));
        File.WriteAllText(Path.Combine(stubs, "streamlit", "__init__.py"), StreamlitStub);
        File.WriteAllText(Path.Combine(stubs, "mlflow", "__init__.py"), MlflowStub);
        File.WriteAllText(Path.Combine(stubs, "mlflow", "pytorch.py"), MlflowPytorchStub);
        File.WriteAllText(dir.Combine("driver.py"), Driver);
        environment["PYTHONPATH"] = $"{stubs}:{Path.Combine(Sample, "src")}";
        environment["STUB_RECORD"] = dir.Combine("shown.jsonl");
        environment["STUB_MODEL"] = dir.Combine("model.pt");
        File.WriteAllText(dir.Combine("shown.jsonl"), "");
        if (!environment.ContainsKey("MODEL_URI")) environment["MODEL_URI"] = null;

        var result = TorchPython.Run(dir.Path, environment, dir.Combine("driver.py"), AppFile);

        Assert.True(result.ExitCode == 0, result.All);
        return JsonNode.Parse(result.Output.Trim().Split('\n')[^1])!;
    }
}
