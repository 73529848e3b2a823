using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mx.Generators;
using Mx.Generators.BuiltIn.Monitoring;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Monitoring;

/// <summary>
/// What GpuMonitoring deployed, seen from this machine: Grafana (<c>mx dash</c>), the GMP frontend's Prometheus API
/// (<c>mx usage</c>) and the managed Alertmanager's configuration (<c>mx secret set slack-webhook</c>). Every call
/// names the project's kube context, so the user's current context never decides which cluster is asked.
/// </summary>
public sealed partial class GpuMonitoringCluster
{
    public const int DefaultDashPort = 3000;
    private const string GrafanaService = "service/grafana";
    private const int GrafanaPort = 3000;
    private const string FrontendService = "service/gmp-frontend";
    private const int FrontendPort = 9090;

    /// <summary>GMP's managed Alertmanager reads its configuration from this Secret's key (prometheus-engine's OperatorConfig default).</summary>
    public const string AlertmanagerNamespace = "gmp-public";
    public const string AlertmanagerSecret = "alertmanager";
    public const string AlertmanagerKey = "alertmanager.yaml";

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;

    private GpuMonitoringCluster(InfraProject project, ToolRunner runner) => (_project, _runner) = (project, runner);

    public static GpuMonitoringCluster For(string workingDirectory)
    {
        var project = InfraProject.Load(workingDirectory, null, null);
        if (!project.State.HasApplied(GpuMonitoring.GeneratorName))
            throw new MxException("This project has no GPU monitoring. Add it with 'mx generate GpuMonitoring', deploy it with 'mx up', " +
                                  "and run the command again.");
        return new GpuMonitoringCluster(project, ToolRunner.Default);
    }

    /// <summary>The monitoring of a project that has it, for commands that only add its numbers when they are there.</summary>
    internal static GpuMonitoringCluster? Of(InfraProject project, ToolRunner runner) =>
        project.State.HasApplied(GpuMonitoring.GeneratorName) ? new GpuMonitoringCluster(project, runner) : null;

    /// <summary>Each GPU pod's average utilisation (%) over the last 15 minutes, as <c>mx workspace list</c> shows it.</summary>
    public const string PodUtilisationQuery = "avg by (namespace, pod) (avg_over_time(DCGM_FI_DEV_GPU_UTIL{pod!=\"\"}[15m]))";

    /// <summary>The GPU utilisation (%) of every pod that had a GPU in the last 15 minutes, by <c>namespace/pod</c>.</summary>
    public IReadOnlyDictionary<string, decimal> PodUtilisation()
    {
        var port = LoopbackPorts.Free();
        using var forward = ServiceForward.Open(_runner, Forward(FrontendService, port, FrontendPort, "the GMP frontend"), port, reason => Unreachable(port, reason));
        return Query(port, PodUtilisationQuery, labels => $"{Label(labels, "namespace")}/{Label(labels, "pod")}");
    }

    private string Context => ClusterConnection.ContextName(_project);

    /// <summary>Forwards <paramref name="port"/> to Grafana until the user interrupts; the URL is said once it listens.</summary>
    public void Dash(int port, Action<string> say, Interruption interruption)
    {
        if (port is < 1 or > 65535) throw new MxException($"--port {port} is not a TCP port; choose 1-65535 (default {DefaultDashPort}).");
        if (!LoopbackPorts.IsFree(port))
            throw new MxException($"Port {port} on this machine is in use (perhaps by another 'mx dash'). Stop that, or choose another with --port.");
        var ready = false;
        var result = _runner.RunAsync(Forward(GrafanaService, port, GrafanaPort, "Grafana"), line =>
        {
            if (ready || !line.StartsWith("Forwarding from", StringComparison.Ordinal)) return;
            ready = true;
            say($"Grafana is at http://localhost:{port} (Ctrl+C stops the forward); the GPU dashboards are in the folder GPU.");
        }, interruption).GetAwaiter().GetResult();
        if (result.Interrupted || interruption.Requested) return;
        throw new MxException(
            $"kubectl could not forward port {port} to Grafana ({ServiceForward.LastLine(result.StandardError) ?? $"kubectl exited with code {result.ExitCode}"}). " +
            $"Check that 'mx connect' was run and that GPU monitoring is deployed ('mx up'): kubectl --context {Context} --namespace {GpuMonitoring.Namespace} get pods.",
            ExitCode.Failed);
    }

    /// <summary>The label a grouping of <c>mx usage --by</c> reads, per docs/gpu-metrics.md.</summary>
    public static string GroupingLabel(string by) => by switch
    {
        "team" => "namespace",
        "user" => "mx_dev_user",
        "job" => "batch_kubernetes_io_job_name",
        _ => throw new MxException($"--by takes team, user or job, not '{by}'."),
    };

    /// <summary>The PromQL of <c>mx usage</c>: GPU-hours allocated and utilisation-weighted GPU-hours, per group, over the window.</summary>
    public static (string Allocated, string Used) UsageQueries(string by, string since)
    {
        var label = by == "job" ? "namespace, " + GroupingLabel(by) : GroupingLabel(by);
        const string held = "DCGM_FI_DEV_GPU_UTIL{pod!=\"\"}";
        return ($"sum by ({label}) (count_over_time({held}[{since}:1m])) / 60",
                $"sum by ({label}) (sum_over_time({held}[{since}:1m])) / 100 / 60");
    }

    /// <summary>Checks a <c>--since</c> window: hours, days or weeks, from one hour to 90 days.</summary>
    public static string Window(string since)
    {
        var match = WindowPattern().Match(since);
        var hours = match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * match.Groups[2].Value switch { "h" => 1, "d" => 24, _ => 168 } : 0;
        if (!match.Success || hours is < 1 or > 90 * 24)
            throw new MxException($"--since '{since}' is not a window mx reads: give hours, days or weeks from 1h to 90d, such as 24h, 7d or 2w.");
        return since;
    }

    /// <summary>GPU-hours per team, user or job over <paramref name="since"/>, most allocated first.</summary>
    public IReadOnlyList<GpuUsageRow> Usage(string by, string since)
    {
        GroupingLabel(by);
        Window(since);
        var (allocatedQuery, usedQuery) = UsageQueries(by, since);
        var cost = GpuMonitoring.GpuHourCost(_project.State.Answers);
        var port = LoopbackPorts.Free();
        using var forward = ServiceForward.Open(_runner, Forward(FrontendService, port, FrontendPort, "the GMP frontend"), port, reason => Unreachable(port, reason));
        string Key(JsonNode labels) => by == "job" ? $"{Label(labels, "namespace")}/{Label(labels, GroupingLabel(by))}" : Label(labels, GroupingLabel(by));
        var allocated = Query(port, allocatedQuery, Key);
        var used = Query(port, usedQuery, Key);
        return allocated.Select(a =>
        {
            var u = Math.Min(used.GetValueOrDefault(a.Key), a.Value);
            var idle = a.Value - u;
            return new GpuUsageRow(a.Key, Math.Round(a.Value, 2), Math.Round(u, 2), Math.Round(idle, 2), Math.Round(idle * cost, 2));
        }).OrderByDescending(r => r.AllocatedHours).ThenBy(r => r.Name, StringComparer.Ordinal).ToArray();
    }

    private static string Label(JsonNode labels, string name) => labels[name]?.GetValue<string>() is { Length: > 0 } v ? v : "(none)";

    private Dictionary<string, decimal> Query(int port, string query, Func<JsonNode, string> key)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        string body;
        HttpStatusCode status;
        try
        {
            using var response = http.GetAsync($"http://localhost:{port}/api/v1/query?query={Uri.EscapeDataString(query)}").GetAwaiter().GetResult();
            status = response.StatusCode;
            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw Unreachable(port, e.Message.TrimEnd('.'));
        }
        JsonNode? answer;
        try { answer = JsonNode.Parse(body); }
        catch (System.Text.Json.JsonException) { answer = null; }
        if (answer?["status"]?.GetValue<string>() != "success")
            throw new MxException($"Prometheus refused the usage query ({(int)status}: {answer?["error"]?.GetValue<string>() ?? body.Trim()}). " +
                                  $"The query was: {query}", ExitCode.Failed);
        var rows = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var series in answer["data"]?["result"]?.AsArray() ?? [])
        {
            var name = key(series!["metric"]!);
            var value = decimal.TryParse(series["value"]![1]!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
            rows[name] = rows.GetValueOrDefault(name) + value;
        }
        return rows;
    }

    /// <summary>
    /// Writes the managed Alertmanager's configuration, which routes every alert to the Slack webhook
    /// <paramref name="url"/>, as the Secret GMP reads. The URL goes to kubectl on its standard input, never in its
    /// arguments, and mx prints it nowhere.
    /// </summary>
    public void SetSlackWebhook(string url, Action<string> say)
    {
        url = url.Trim();
        if (!SlackWebhook().IsMatch(url))
            throw new MxException("That is not a Slack incoming-webhook URL: it must look like https://hooks.slack.com/services/T.../B.../... " +
                                  "(Slack: your app > Incoming Webhooks > Add New Webhook). Nothing was written.");
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = AlertmanagerSecret,
                ["namespace"] = AlertmanagerNamespace,
                ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = _project.ProjectName, ["app.kubernetes.io/managed-by"] = "mx" },
            },
            ["type"] = "Opaque",
            ["stringData"] = new JsonObject { [AlertmanagerKey] = AlertmanagerConfig(url) },
        };
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, AlertmanagerNamespace), "writing the Alertmanager configuration")
        {
            StandardInput = secret.ToJsonString(),
            Remedy = $"Check that 'mx connect' was run, that the cluster is up ('mx up') and that your account may write Secrets in {AlertmanagerNamespace}.",
        });
        say($"Alerts now go to the Slack webhook (Secret {AlertmanagerSecret} in {AlertmanagerNamespace}; the webhook is not stored in the project).");
        if (!_project.State.HasApplied(ReaperSecret.Generator)) return;
        // The idle reaper reads the same webhook from a Secret of its own namespace, to warn owners.
        _runner.RunChecked(new ToolInvocation(Tool.Kubectl, KubectlArguments.Apply(Context, ReaperSecret.Namespace), "writing the idle reaper's webhook")
        {
            StandardInput = ReaperSecret.Manifest(_project.ProjectName, url),
            Remedy = $"Check that your account may write Secrets in {ReaperSecret.Namespace}.",
        });
        say($"The idle reaper warns owners there too (Secret {ReaperSecret.Name} in {ReaperSecret.Namespace}).");
    }

    /// <summary>Alertmanager's configuration: every alert to Slack, grouped per alert and node, repeated every 4 hours while it fires.</summary>
    public static string AlertmanagerConfig(string url) =>
        "route:\n" +
        "  receiver: slack\n" +
        "  group_by: [alertname, namespace, node]\n" +
        "  group_wait: 30s\n" +
        "  group_interval: 5m\n" +
        "  repeat_interval: 4h\n" +
        "receivers:\n" +
        "  - name: slack\n" +
        "    slack_configs:\n" +
        $"      - api_url: '{url}'\n" +
        "        send_resolved: true\n" +
        "        title: '{{ .CommonLabels.alertname }} ({{ .Status }})'\n" +
        "        text: '{{ range .Alerts }}{{ .Annotations.summary }}{{ \"\\n\" }}{{ end }}'\n";

    private ToolInvocation Forward(string service, int localPort, int remotePort, string what) =>
        new(Tool.Kubectl, KubectlArguments.PortForward(Context, GpuMonitoring.Namespace, service, localPort, remotePort), $"forwarding port {localPort} to {what}")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        };

    private MxException Unreachable(int port, string reason) => new(
        $"The GMP frontend did not answer at http://localhost:{port}: {reason}. Check that GPU monitoring is deployed ('mx up') and runs: " +
        $"kubectl --context {Context} --namespace {GpuMonitoring.Namespace} get pods.", ExitCode.Failed);



    [GeneratedRegex("^([0-9]{1,4})([hdw])\\z")]
    private static partial Regex WindowPattern();

    [GeneratedRegex("^https://hooks\\.slack\\.com/services/[A-Za-z0-9_/-]+\\z")]
    private static partial Regex SlackWebhook();
}
