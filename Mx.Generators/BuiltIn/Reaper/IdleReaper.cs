using System.Globalization;
using System.Text.RegularExpressions;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Generators.BuiltIn.Reaper;

/// <summary>
/// The idle GPU reaper (Deep Render's "undertaker"): a CronJob that every 30 minutes warns the owner of a job whose
/// GPUs sat idle for a number of work hours and reclaims it when it stays idle after the warning. Its policy is a
/// pure function in Python, shipped with its table tests in the project; it reads GPU utilisation from Google Cloud
/// Managed Service for Prometheus with a service account that may only read metrics.
/// </summary>
internal sealed partial class IdleReaper : IGenerator
{
    public const string GeneratorName = "IdleReaper";
    public const string Deployment = "idle-reaper";

    /// <summary>The namespace the reaper runs in and keeps its action log: the training namespace reaches MLflow.</summary>
    public const string HomeNamespace = "training";

    /// <summary>The action log's ConfigMap, which <c>mx reaper log</c> reads; the reaper writes JSON lines under this key.</summary>
    public const string LogConfigMap = "idle-reaper-log";
    public const string LogKey = "log.jsonl";

    /// <summary>The Secret of the home namespace the reaper reads its Slack webhook from (key <c>url</c>).</summary>
    public const string SlackSecret = "slack-webhook";

    // Slim Debian images of Python carry the time zone database and CA certificates, all the reaper needs.
    public const string PythonImage = "python:3.12.8-slim-bookworm";

    private readonly IdleReaperTemplates _templates;

    public IdleReaper() => _templates = new IdleReaperTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "A CronJob that warns owners of GPU jobs idle for N work hours, then reclaims them (dry-run first).";
    public string Version => "1.0.0";
    // The GPU utilisation it reads is what GpuMonitoring's DCGM exporter puts into Managed Prometheus.
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton", "GpuMonitoring"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("reaper_time_zone", ParameterType.String, "Time zone of the team's work hours (IANA name, e.g. Europe/Berlin)")
        {
            Default = _ => "UTC",
            Validate = (value, _) => TimeZoneProblem((string)value),
            ValidationDescription = "an IANA time zone name such as Europe/Berlin or America/New_York",
        },
        new("reaper_workdays", ParameterType.String, "Working days: a range such as mon-fri or sun-thu, or a list such as mon,tue,thu")
        {
            Default = _ => "mon-fri",
            Validate = (value, _) => WorkdaysProblem((string)value),
            ValidationDescription = "mon-fri, sun-thu or mon,wed,fri (days: mon tue wed thu fri sat sun)",
        },
        new("reaper_work_hours", ParameterType.String, "Working hours as START-END in local hours, e.g. 9-18")
        {
            Default = _ => "9-18",
            Validate = (value, _) => WorkHoursProblem((string)value),
            ValidationDescription = "START-END with 0 <= START < END <= 24",
        },
        new("reaper_holidays", ParameterType.StringList, "Holidays (YYYY-MM-DD) that are not work days")
        {
            Default = _ => Array.Empty<string>(),
            DefaultDescription = "none",
            Validate = (value, _) => HolidaysProblem((IReadOnlyList<string>)value),
            ValidationDescription = "dates as YYYY-MM-DD",
        },
        new("reaper_threshold_percent", ParameterType.Integer, "A GPU at or below this average utilisation (%) over an hour is idle")
        {
            Default = _ => 0L,
            Validate = (value, _) => (long)value is >= 0 and <= 100 ? null : "a utilisation threshold is a percentage from 0 to 100.",
            ValidationDescription = "0 to 100",
        },
        new("reaper_warn_after_hours", ParameterType.Integer, "Idle work hours before the owner is warned")
        {
            Default = _ => 6L,
            Validate = (value, _) => (long)value is >= 1 and <= 200 ? null : "warn after 1 to 200 idle work hours.",
            ValidationDescription = "1 to 200",
        },
        new("reaper_reclaim_after_hours", ParameterType.Integer, "Further idle work hours after the warning before the workload is reclaimed")
        {
            Default = _ => 6L,
            Validate = (value, _) => (long)value is >= 1 and <= 200 ? null : "reclaim after 1 to 200 further idle work hours.",
            ValidationDescription = "1 to 200",
        },
        new("reaper_max_keep_days", ParameterType.Integer, "How far ahead an opt-out (mx.dev/keep-until) may reach, in days")
        {
            Default = _ => 7L,
            Validate = (value, _) => (long)value is >= 1 and <= 90 ? null : "an opt-out may reach 1 to 90 days ahead.",
            ValidationDescription = "1 to 90",
        },
        new("reaper_dry_run_until", ParameterType.String, "Until this date (YYYY-MM-DD) the reaper only reports what it would do")
        {
            Default = _ => DateTime.UtcNow.Date.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DefaultDescription = "a week after the first generation",
            Validate = (value, _) => DateOnly.TryParseExact((string)value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly _)
                ? null : $"'{value}' is not a date as YYYY-MM-DD.",
            ValidationDescription = "a date as YYYY-MM-DD",
        },
        new("reaper_prometheus_url", ParameterType.String, "Prometheus HTTP API the reaper reads GPU utilisation (DCGM_FI_DEV_GPU_UTIL) from")
        {
            Default = a => ManagedPrometheus(a.GetString("gcp_project")),
            DefaultDescription = "Google Cloud Managed Service for Prometheus of the project",
            Validate = (value, _) => Uri.TryCreate((string)value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0
                ? null : $"'{value}' is not an http(s) URL without a query, such as {ManagedPrometheus("my-project")}.",
            ValidationDescription = "an http(s) URL",
        },
    ];

    public static string ManagedPrometheus(string gcpProject) =>
        $"https://monitoring.googleapis.com/v1/projects/{gcpProject}/location/global/prometheus";

    /// <summary>The namespaces whose GPU workloads the reaper watches and may reclaim: training and the teams' (GpuQueues).</summary>
    internal static IReadOnlyList<string> Namespaces(Answers answers) =>
        [HomeNamespace, .. answers.TryGetValue("queue_teams", out _) ? Queues.GpuQueues.Teams(answers).Select(t => t.Namespace) : []];

    /// <summary>The variables the IdleReaper templates see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        var name = a.GetString("project_name");
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = name,
            ["gcp_project"] = a.GetString("gcp_project"),
            ["reaper_sa"] = ReaperIdentity.AccountId(name),
            ["namespaces"] = Namespaces(a),
            ["log_namespace"] = HomeNamespace,
            ["time_zone"] = a.GetString("reaper_time_zone"),
            ["workdays"] = a.GetString("reaper_workdays"),
            ["work_hours"] = a.GetString("reaper_work_hours"),
            ["holidays"] = string.Join(',', a.GetList("reaper_holidays")),
            ["threshold"] = a.GetInt("reaper_threshold_percent"),
            ["warn_after"] = a.GetInt("reaper_warn_after_hours"),
            ["reclaim_after"] = a.GetInt("reaper_reclaim_after_hours"),
            ["max_keep_days"] = a.GetInt("reaper_max_keep_days"),
            ["dry_run_until"] = a.GetString("reaper_dry_run_until"),
            ["prometheus_url"] = a.GetString("reaper_prometheus_url"),
            ["mlflow_url"] = MLProjectSkeleton.MlflowInClusterUri,
            ["slack_secret"] = SlackSecret,
            ["python_image"] = PythonImage,
            ["code_files"] = IdleReaperTemplates.CodeFiles,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return new Plan(own.Files, own.Deployments, [PlatformProgram.Enable(own.Deployments), ReaperIdentity.Edit(context.Answers)]);
    }

    private static string? TimeZoneProblem(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && id.Contains('/', StringComparison.Ordinal) || id == "UTC"
            ? null
            : $"'{id}' is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or Asia/Kolkata (or UTC).";

    private static string? WorkdaysProblem(string spec)
    {
        if (!Workdays().IsMatch(spec))
            return $"'{spec}' is not a list of days; write mon-fri, sun-thu or mon,wed,fri (days: mon tue wed thu fri sat sun).";
        return null;
    }

    private static string? WorkHoursProblem(string spec) =>
        spec.Split('-') is [var start, var end]
        && int.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
        && int.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var e)
        && s >= 0 && s < e && e <= 24
            ? null
            : $"'{spec}' is not START-END work hours with 0 <= START < END <= 24, such as 9-18.";

    private static string? HolidaysProblem(IReadOnlyList<string> dates) =>
        dates.FirstOrDefault(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly _)) is { } bad
            ? $"'{bad}' is not a date as YYYY-MM-DD."
            : null;

    [GeneratedRegex("^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?(,(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)*\\z")]
    private static partial Regex Workdays();
}
