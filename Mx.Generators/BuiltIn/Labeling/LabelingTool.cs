using System.Globalization;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// CVAT for labelling the project's data, at <c>https://label.SUBDOMAIN.DOMAIN</c> behind Identity-Aware Proxy: its
/// components as plain manifests in <c>infra/k8s/label</c> (CVAT's Helm chart is not published in a chart
/// repository), applied by the platform deployment <c>label</c>; the data bucket mounted read-only as CVAT's connected
/// file share through workload identity; and a daily Backup for GKE plan of the namespace with its volumes.
/// </summary>
internal sealed class LabelingTool : IGenerator
{
    public const string GeneratorName = "LabelingTool";

    private readonly LabelingToolTemplates _templates;

    public LabelingTool() => _templates = new LabelingToolTemplates(this);

    public string Name => GeneratorName;
    public string Summary => $"CVAT {Cvat.Version} at label.SUBDOMAIN behind IAP, reading the data bucket, backed up daily by Backup for GKE.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton", DeploymentInfrastructure.GeneratorName];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => [.. _templates.Writes, Cvat.RouteFile];

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("label_backup_retain_days", ParameterType.Integer, "How many days Backup for GKE keeps each daily backup of the labeling tool")
        {
            OptionName = "backup-retain-days",
            Default = _ => 30L,
            Validate = (value, _) => (long)value is >= 1 and <= 365 ? null
                : $"{value} days cannot be a retention of the labeling tool's backups: keep them 1-365 days (Backup for GKE allows more, but a year of daily backups is already a lot of disks).",
            ValidationDescription = "1-365",
        },
    ];

    /// <summary>The variables the templates and the program fragments see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(Answers answers)
    {
        var project = answers.GetString("project_name");
        var gcpProject = answers.GetString("gcp_project");
        var host = FrontDoor.AppHost(answers, Cvat.App);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = project,
            ["gcp_project"] = gcpProject,
            ["region"] = answers.GetString("region"),
            ["zone"] = answers.GetString("zone"),
            ["namespace"] = Cvat.Namespace,
            ["host"] = host,
            ["cvat_version"] = Cvat.Version,
            ["init_command"] = Cvat.InitCommand,
            ["server_image"] = Cvat.ServerImage,
            ["ui_image"] = Cvat.UiImage,
            ["opa_image"] = Cvat.OpaImage,
            ["redis_image"] = Cvat.RedisImage,
            ["kvrocks_image"] = Cvat.KvrocksImage,
            ["postgres_image"] = Cvat.PostgresImage,
            ["service_account"] = Cvat.ServiceAccount,
            ["share_sa"] = Cvat.ShareAccountId(answers),
            ["share_sa_email"] = $"{Cvat.ShareAccountId(answers)}@{gcpProject}.iam.gserviceaccount.com",
            ["data_bucket"] = Cvat.DataBucket(answers),
            ["secret"] = Cvat.Secret,
            ["workers"] = Cvat.Workers.Select(w => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = w.Name,
                ["args"] = w.Args,
                ["share"] = w.ReadsShare,
                ["cpu_request"] = w.CpuRequest,
                ["memory_request"] = w.MemoryRequest,
                ["memory_limit"] = w.MemoryLimit,
            }).ToArray(),
            ["backup_plan"] = Cvat.BackupPlan(answers),
            // The skeleton declares the random provider only for Cloud SQL's password; a program may have one default provider.
            ["declares_random"] = !(answers.TryGetValue("mlflow_database", out var database) && (string)database == MLProjectSkeleton.CloudSqlDatabase),
            ["backup_retain_days"] = answers.GetInt("label_backup_retain_days").ToString(CultureInfo.InvariantCulture),
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var answers = context.Answers;
        var own = _templates.Plan(context);
        var model = Model(answers);
        string[] deployments = [Cvat.Deployment];
        return new Plan([.. own.Files, new FileEffect(Cvat.RouteFile, RouteManifests(answers))], deployments,
        [
            // The fragment enables the deployment itself, after the namespace and the Secret it needs.
            LabelingPlatform.Edit(model),
            ClusterProgramFragment.Edit("LabelingToolClusterProgram", Cvat.ResourcePrefix,
                "add the labeling tool's bucket reader and its Backup for GKE plan", model),
            LabelingBackupAgent.Edit(),
            DocsToctree.Edit(DocsToctree.Labeling),
        ]);
    }

    /// <summary>
    /// CVAT's UI at <c>/</c> and its server under the paths CVAT's own reverse proxy sends to it: each path a Service
    /// of the server's pods with a route of its own, which the Gateway merges (longest prefix first), all behind IAP.
    /// </summary>
    internal static string RouteManifests(Answers answers)
    {
        var text = "# Managed by mx (LabelingTool): CVAT's UI at / and its server under the paths CVAT's own proxy (traefik) sends it.\n";
        text += GatewayApp.Manifests(answers, new GatewayBackend(Cvat.App, Cvat.Namespace, Cvat.UiService, Cvat.UiPort, "/"));
        foreach (var (service, prefix) in Cvat.ServerPaths)
            text += "---\n" + GatewayApp.Manifests(answers,
                new GatewayBackend(Cvat.App, Cvat.Namespace, service, Cvat.ServerPort, Cvat.ServerHealthPath, prefix)
                {
                    // Uploads and exports of large datasets run for minutes through one request.
                    TimeoutSeconds = 3600,
                });
        return text;
    }
}
