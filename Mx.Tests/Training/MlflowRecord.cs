using System.Text.Json;

namespace Mx.Tests.Training;

/// <summary>What the fake mlflow (Fakes/python/mlflow) recorded: its JSON file, read after the Python process exits.</summary>
public sealed record MlflowRecord(IReadOnlyList<MlflowRecord.Experiment> Experiments, IReadOnlyList<MlflowRecord.Run> Runs, IReadOnlyList<string> Violations)
{
    public sealed record Experiment(string Id, string Name, string? TrackingUri);

    public sealed record Metric(string Key, double Value, int Step);

    public sealed record Model(string Name, string Class, string Device, bool Training, JsonElement Signature, IReadOnlyList<string> CodePaths);

    public sealed record Run(
        string RunId, string ExperimentId, string? TrackingUri, string Status,
        IReadOnlyDictionary<string, string> Params, IReadOnlyList<Metric> Metrics, IReadOnlyDictionary<string, string> Tags,
        IReadOnlyList<Model> Models)
    {
        public double[] Values(string key) => Metrics.Where(m => m.Key == key).OrderBy(m => m.Step).Select(m => m.Value).ToArray();

        public int[] Steps(string key) => Metrics.Where(m => m.Key == key).Select(m => m.Step).ToArray();
    }

    public Experiment ExperimentOf(Run run) => Experiments.Single(e => e.Id == run.ExperimentId);

    // The fake writes NaN and infinities, which JSON cannot hold as numbers, as "NaN", "Infinity", "-Infinity".
    private static double Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetDouble();

    /// <summary>The record, or an empty one when Python never called the fake (so no file was written).</summary>
    public static MlflowRecord Read(string path)
    {
        if (!File.Exists(path)) return new MlflowRecord([], [], []);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        static Dictionary<string, string> Strings(JsonElement e) => e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        return new MlflowRecord(
            root.GetProperty("experiments").EnumerateArray()
                .Select(e => new Experiment(e.GetProperty("id").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("tracking_uri").GetString()))
                .ToArray(),
            root.GetProperty("runs").EnumerateArray().Select(r => new Run(
                r.GetProperty("run_id").GetString()!,
                r.GetProperty("experiment_id").GetString()!,
                r.GetProperty("tracking_uri").GetString(),
                r.GetProperty("status").GetString()!,
                Strings(r.GetProperty("params")),
                r.GetProperty("metrics").EnumerateArray()
                    .Select(m => new Metric(m.GetProperty("key").GetString()!, Number(m.GetProperty("value")), m.GetProperty("step").GetInt32()))
                    .ToArray(),
                Strings(r.GetProperty("tags")),
                r.GetProperty("models").EnumerateArray().Select(m => new Model(
                    m.GetProperty("name").GetString()!,
                    m.GetProperty("class").GetString()!,
                    m.GetProperty("device").GetString()!,
                    m.GetProperty("training").GetBoolean(),
                    m.GetProperty("signature").Clone(),
                    m.GetProperty("code_paths").EnumerateArray().Select(p => p.GetString()!).ToArray())).ToArray())).ToArray(),
            root.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
