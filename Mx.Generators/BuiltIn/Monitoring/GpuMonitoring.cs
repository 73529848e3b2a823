using System.Globalization;
using System.Text.RegularExpressions;

namespace Mx.Generators.BuiltIn.Monitoring;

/// <summary>
/// GPU monitoring on Managed Service for Prometheus: NVIDIA's DCGM exporter on the GPU nodes (with the pod that holds
/// each GPU), a kube-state-metrics for node readiness and GPU capacity, the GMP frontend that reads the metrics back,
/// Grafana with the project's dashboards, and alert rules; in the cluster program, managed Prometheus on and GKE's
/// own DCGM package off, and the frontend's Google service account with read access to Cloud Monitoring.
/// </summary>
internal sealed partial class GpuMonitoring : IGenerator
{
    public const string GeneratorName = "GpuMonitoring";
    public const string Deployment = "gpu-monitoring";
    public const string Namespace = "monitoring";

    /// <summary>NVIDIA's exporter release; the tests' counters list is that tag's etc/default-counters.csv.</summary>
    public const string DcgmExporterVersion = "4.5.3-4.8.2";
    public const string DcgmExporterImage =
        "nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-distroless@sha256:60d3b00ac80b4ae77f94dae2f943685605585ad9e92fdccda3154d009ae317cc";

    public const string KubeStateMetricsVersion = "v2.19.1";
    public const string KubeStateMetricsImage =
        "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.19.1@sha256:85108987d044b18a098126732f98602df408888c0f7d456241f5abefb9744bc1";

    public const string GmpFrontendVersion = "v0.18.2-gke.1";
    public const string GmpFrontendImage =
        "gke.gcr.io/prometheus-engine/frontend:v0.18.2-gke.1@sha256:35ab356d969255dd7694ae371bf0991b97907451b4c7e1574b58a096d3be5977";

    public const string GrafanaVersion = "12.3.1";
    public const string GrafanaImage =
        "docker.io/grafana/grafana:12.3.1@sha256:2175aaa91c96733d86d31cf270d5310b278654b03f5718c59de12a865380a31f";

    private readonly GpuMonitoringTemplates _templates;

    public GpuMonitoring() => _templates = new GpuMonitoringTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "GPU dashboards and alerts: DCGM exporter on Managed Prometheus, Grafana (mx dash), Slack alerts, mx usage.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("gpu_hour_cost", ParameterType.String, "Price of one GPU-hour in USD, for idle cost on the dashboards and in mx usage")
        {
            Default = _ => "1.00",
            DefaultDescription = "1.00 (set the price you pay: it depends on the GPU, the region and your discounts)",
            Validate = (value, _) => CostProblem((string)value),
            ValidationDescription = "a decimal number of USD above 0 and below 1000, such as 0.71",
        },
        new("idle_alert_minutes", ParameterType.Integer, "Minutes a GPU a container holds may run nothing before GpuIdleWhileAllocated fires")
        {
            Default = _ => 30L,
            Validate = Validators.Between(5, 1440),
            ValidationDescription = "5-1440 (a day)",
        },
        new("gpu_memory_alert_percent", ParameterType.Integer, "Percent of a GPU's memory in use at which GpuMemoryNearlyFull fires")
        {
            Default = _ => 95L,
            Validate = Validators.Between(50, 99),
            ValidationDescription = "50-99",
        },
    ];

    /// <summary>The Google service account of the GMP frontend, which reads the project's metrics.</summary>
    public static string ServiceAccountId(Answers a) => $"{a.GetString("project_name")}-metrics";

    public static string ServiceAccountEmail(Answers a) => $"{ServiceAccountId(a)}@{a.GetString("gcp_project")}.iam.gserviceaccount.com";

    /// <summary>The gpu_hour_cost answer as a number, for mx usage.</summary>
    public static decimal GpuHourCost(Answers a) =>
        a.TryGetValue("gpu_hour_cost", out var cost) ? decimal.Parse((string)cost, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 1.00m;

    private static string? CostProblem(string value)
    {
        if (!Cost().IsMatch(value)) return $"'{value}' is not a price in USD; write it like 0.71 (digits, a point, at most 4 decimals).";
        var cost = decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return cost is <= 0 or >= 1000 ? $"{value} USD per GPU-hour is outside 0-1000; give the price of one GPU for one hour." : null;
    }

    /// <summary>The variables the GpuMonitoring templates see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = a.GetString("project_name"),
            ["gcp_project"] = a.GetString("gcp_project"),
            ["monitoring_sa"] = ServiceAccountId(a),
            ["monitoring_sa_email"] = ServiceAccountEmail(a),
            ["gpu_hour_cost"] = a.GetString("gpu_hour_cost"),
            ["idle_alert_minutes"] = a.GetInt("idle_alert_minutes"),
            ["gpu_memory_alert_percent"] = a.GetInt("gpu_memory_alert_percent"),
            ["dcgm_exporter_version"] = DcgmExporterVersion,
            ["dcgm_exporter_image"] = DcgmExporterImage,
            ["kube_state_metrics_version"] = KubeStateMetricsVersion,
            ["kube_state_metrics_image"] = KubeStateMetricsImage,
            ["gmp_frontend_version"] = GmpFrontendVersion,
            ["gmp_frontend_image"] = GmpFrontendImage,
            ["grafana_version"] = GrafanaVersion,
            ["grafana_image"] = GrafanaImage,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return new Plan(own.Files, own.Deployments, [PlatformProgram.Enable(own.Deployments), ClusterMonitoring.Edit(context.Answers)]);
    }

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,4})?\\z")]
    private static partial Regex Cost();
}
