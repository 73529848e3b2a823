namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// What LabelingTool deploys of CVAT and what it names things: the pinned release and the images of its components,
/// the namespace, the Services the Gateway routes to, and the background workers the release runs.
/// </summary>
internal static class Cvat
{
    /// <summary>The CVAT release: the newest stable one when LabelingTool was written (CHANGELOG.md at the tag, 2026-09-16).</summary>
    public const string Version = "v2.76.0";

    public const string ServerImage = "cvat/server:" + Version;
    public const string UiImage = "cvat/ui:" + Version;

    // CVAT's IAM policy engine and its on-disk cache (Kvrocks, which speaks Redis on 6666) at the tags of CVAT's Helm chart
    // (helm-chart/values.yaml: cvat.opa.tag, cvat.kvrocks.tag); the chart takes the queues' in-memory Redis from Bitnami,
    // whose version it does not pin, so Redis is the 7.2 line CVAT's docker-compose.yml runs.
    public const string OpaImage = "openpolicyagent/opa:0.63.0";
    public const string RedisImage = "redis:7.2.4-alpine";
    public const string KvrocksImage = "apache/kvrocks:2.7.0";

    /// <summary>The skeleton's PostgreSQL image (MLflow's database), so the project runs one PostgreSQL release.</summary>
    public const string PostgresImage = "postgres:16.6-bookworm";

    /// <summary>The app name behind the Gateway, and the platform deployment and kustomize directory.</summary>
    public const string App = "label";
    public const string Deployment = "label";
    public const string Namespace = "label";
    public const string Folder = "infra/k8s/label";
    public const string RouteFile = Folder + "/route.yaml";

    /// <summary>Names of the resources LabelingTool adds to the cluster and platform programs start with this.</summary>
    public const string ResourcePrefix = "label";

    /// <summary>The Kubernetes service account of the server and workers, which reads the data bucket as a Google one.</summary>
    public const string ServiceAccount = "cvat";

    /// <summary>The Secret the platform program creates with the database and cache passwords.</summary>
    public const string Secret = "cvat-secrets";

    public const string UiService = "cvat-ui";
    public const int UiPort = 80;
    public const int ServerPort = 8080;

    /// <summary>Answers anonymously with the server's version once Django runs (CVAT's chart probes it too).</summary>
    public const string ServerHealthPath = "/api/server/about";

    /// <summary>
    /// The paths CVAT's traefik rule sends to the server (docker-compose.yml's cvat_server labels), each served by a
    /// Service of the server's pods so the Gateway can route it: one route per Service.
    /// </summary>
    public static IReadOnlyList<(string Service, string Prefix)> ServerPaths { get; } =
    [
        ("cvat-api", "/api"),
        ("cvat-static", "/static"),
        ("cvat-admin", "/admin"),
        ("cvat-django-rq", "/django-rq"),
    ];

    /// <summary>
    /// The RQ workers of the release, one Deployment per queue as CVAT's Helm chart runs them; the queues are those
    /// backend_entrypoint.d/cvat.conf names (the entrypoint refuses others). cleaning and notifications share one
    /// worker, which also runs the scheduler of CVAT's periodic jobs (cleaning's rqscheduler). Those that read task
    /// media (creating tasks, building chunks, exporting with images, auto-annotation) mount the data bucket as the share.
    /// </summary>
    public static IReadOnlyList<CvatWorker> Workers { get; } =
    [
        new("import", ["import"], true, "250m", "1Gi", "4Gi"),
        new("export", ["export"], true, "250m", "1Gi", "4Gi"),
        new("annotation", ["annotation"], true, "100m", "512Mi", "2Gi"),
        new("chunks", ["chunks"], true, "250m", "1Gi", "4Gi"),
        new("webhooks", ["webhooks"], false, "50m", "256Mi", "1Gi"),
        new("quality-reports", ["quality_reports"], false, "100m", "512Mi", "2Gi"),
        new("consensus", ["consensus"], false, "100m", "512Mi", "2Gi"),
        new("utils", ["cleaning", "notifications"], false, "50m", "256Mi", "1Gi"),
    ];

    /// <summary>
    /// The steps of the entrypoint's <c>init</c> but its last, which initialises the analytics database (ClickHouse)
    /// that mx leaves out, and whose wait for CLICKHOUSE_HOST fails the whole command without it.
    /// </summary>
    public const string InitCommand = "~/manage.py migrate && ~/manage.py migrateredis && ~/manage.py syncperiodicjobs";

    public static string ShareAccountId(Answers answers) => $"{answers.GetString("project_name")}-label";

    public static string DataBucket(Answers answers) => $"{answers.GetString("gcp_project")}-{answers.GetString("project_name")}-data";

    public static string BackupPlan(Answers answers) => $"{answers.GetString("project_name")}-label";
}
