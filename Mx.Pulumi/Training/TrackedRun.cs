using System.Text.RegularExpressions;
using Mx.Pulumi.Tracking;

namespace Mx.Pulumi.Training;

/// <summary>
/// The MLflow run a job's trainer opened, as its log line announces it ("MLflow run ID in experiment N ('name')",
/// written by the generated trainer), and that run's page in the tracking server's UI.
/// </summary>
public sealed partial record TrackedRun(string RunId, string ExperimentId)
{
    public static TrackedRun? FromLogLine(string line) =>
        Announcement().Match(line) is { Success: true } match ? new TrackedRun(match.Groups[1].Value, match.Groups[2].Value) : null;

    public string Link(int port) => $"{TrackingServer.Url(port)}/#/experiments/{ExperimentId}/runs/{RunId}";

    [GeneratedRegex(@"MLflow run ([0-9a-f]{32}) in experiment ([0-9]+) \(")]
    private static partial Regex Announcement();
}
