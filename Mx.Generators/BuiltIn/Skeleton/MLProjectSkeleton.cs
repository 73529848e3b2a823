using Mx.Generators.Internal;
using System.Text.RegularExpressions;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Skeleton;

/// <summary>
/// The whole project: Python trainer, Dockerfile, MLflow project, Pulumi programs for GKE with CPU and GPU
/// pools, the tracking server's Kubernetes manifests, the training job template and the docs.
/// </summary>
internal sealed partial class MLProjectSkeleton() : TemplateGenerator(typeof(TemplateRenderer).Assembly, "MLProjectSkeleton")
{
    public const string TrainingInfra = "training-infra";

    /// <summary>MLflow's backend store: a PostgreSQL StatefulSet in the cluster (the default, cheapest).</summary>
    public const string InClusterDatabase = "in-cluster";

    /// <summary>MLflow's backend store: Cloud SQL for PostgreSQL on a private IP, reached through the Auth Proxy.</summary>
    public const string CloudSqlDatabase = "cloud-sql";

    /// <summary>How long a training job may run before Kubernetes stops it, unless the answer says otherwise.</summary>
    public const long DefaultJobDeadlineHours = 72;

    /// <summary>The artifacts bucket's folder training jobs mount and checkpoint to, the only one they may write.</summary>
    public const string CheckpointPrefix = "checkpoints";

    /// <summary>Where the job templates mount <see cref="CheckpointPrefix"/>; each job checkpoints to a directory named after it.</summary>
    public const string CheckpointMount = "/mnt/checkpoints";

    /// <summary>
    /// The tracking server as pods in the cluster reach it: the Service <c>mlflow</c> of namespace <c>mlflow</c>
    /// (training-infra/mlflow-service.yaml) on port 5000. Jobs, apps and the reaper are given this address.
    /// </summary>
    public const string MlflowInClusterUri = "http://mlflow.mlflow.svc.cluster.local:5000";

    private const string CloudSqlProxyImage = "gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.25.4";

    private static GcpCatalog Gcp => GcpCatalog.Default;

    private static PyTorchImages Images => PyTorchImages.Default;

    public override string Name => "MLProjectSkeleton";
    public override string Summary => "A complete ML project: trainer, Dockerfile, MLflow, GKE with GPU pools (Pulumi), job templates, docs.";
    public override string Version => "1.0.0";
    public override bool CreatesProject => true;

    public override IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("project_name", ParameterType.String, "Project name (names the cluster, buckets and Python package)")
        {
            OptionName = "name",
            Validate = (value, _) => Validators.ProjectName(value),
            ValidationDescription = "DNS-1123 label, 2-20 characters, starts with a letter",
        },
        new("gcp_project", ParameterType.String, "GCP project id to deploy into")
        {
            Default = a => a.GetString("project_name") + "-dev",
            DefaultDescription = "<project_name>-dev",
            Validate = (value, _) => Validators.GcpProjectId(value),
            ValidationDescription = "GCP project id: 6-30 characters, lowercase letters, digits, '-'",
        },
        new("region", ParameterType.String, "GCP region")
        {
            Default = _ => "us-central1",
            // Only regions with GPUs are offered: the project's GPU pool could not live anywhere else.
            Choices = _ => Gcp.RegionsWithGpus,
            Validate = (value, _) => !Gcp.HasRegion((string)value)
                ? $"mx knows these regions with GPUs: {string.Join(", ", Gcp.RegionsWithGpus)}."
                : Gcp.GpuTypesIn((string)value).Count == 0
                    ? $"{value} offers no GPUs, and the project's GPU node pool needs them. Choose a region that does: {string.Join(", ", Gcp.RegionsWithGpus)}."
                    : null,
            ValidationDescription = "a region in mx's GCP table that offers GPUs",
        },
        new("gpu_type", ParameterType.String, "GPU type of the GPU node pool")
        {
            Default = a => Gcp.GpuTypesIn(a.GetString("region")).Contains("nvidia-l4") ? "nvidia-l4" : Gcp.GpuTypesIn(a.GetString("region")).FirstOrDefault(),
            DefaultDescription = "nvidia-l4 where the region offers it",
            Choices = a => Gcp.GpuTypesIn(a.GetString("region")),
            Validate = (value, a) => Gcp.GpuTypesIn(a.GetString("region")).Contains((string)value) ? null
                : Gcp.GpuTypesIn(a.GetString("region")) is { Count: > 0 } offered
                    ? $"{a.GetString("region")} does not offer it; it offers {string.Join(", ", offered)}. Choose one of those, or another --region."
                    : $"{a.GetString("region")} offers no GPUs; choose another --region.",
            ValidationDescription = "a GPU type offered in the region",
        },
        new("gpu_count", ParameterType.Integer, "GPUs per GPU node")
        {
            Default = a => Gcp.OnDemandGpuCounts(a.GetString("gpu_type")) is { Count: > 0 } counts ? (long)counts[0] : 1L,
            DefaultDescription = "1, or the fewest GPUs the GPU type comes with on demand",
            // Any long reaches here (from a flag or the state), so the count is range-checked before it narrows to int.
            Validate = (value, a) => value is long n && n is > 0 and <= int.MaxValue ? GpuCountProblem(a.GetString("gpu_type"), (int)n)
                : $"{a.GetString("gpu_type")} machines come with {string.Join(", ", Gcp.GpuCounts(a.GetString("gpu_type")))} GPUs.",
            ValidationDescription = "a GPU count that an on-demand machine type of the GPU type carries",
        },
        new("gpu_max_nodes", ParameterType.Integer, "Most GPU nodes the pool may scale to (it scales from zero)")
        {
            Default = _ => 2L,
            Validate = Validators.Between(1, 64),
            ValidationDescription = "1-64",
        },
        new("zone", ParameterType.String, "Zone of the cluster (must offer the GPU type)")
        {
            Default = a => Gcp.ZonesOffering(a.GetString("region"), a.GetString("gpu_type"))[0],
            DefaultDescription = "the first zone of the region that offers the GPU type",
            Choices = a => Gcp.ZonesOffering(a.GetString("region"), a.GetString("gpu_type")),
            Validate = (value, a) => Gcp.ZonesOffering(a.GetString("region"), a.GetString("gpu_type")).Contains((string)value) ? null
                : $"{a.GetString("gpu_type")} is offered in {string.Join(", ", Gcp.ZonesOffering(a.GetString("region"), a.GetString("gpu_type")))}.",
            ValidationDescription = "a zone of the region that offers the GPU type",
        },
        new("cpu_machine_type", ParameterType.String, "Machine type of the CPU node pool")
        {
            Default = _ => "e2-standard-4",
            Validate = (value, _) => GceMachineTypes.Default.Contains((string)value) ? null
                : $"mx knows these Compute Engine machine types: {GceMachineTypes.Default.Describe()}.",
            ValidationDescription = "a predefined Compute Engine machine type",
        },
        new("engineers", ParameterType.StringList, "Engineers' Google accounts (comma-separated emails)")
        {
            Default = _ => Array.Empty<string>(),
            Validate = (value, _) => Validators.Emails(value),
            ValidationDescription = "email addresses",
        },
        new("torch_version", ParameterType.String, "PyTorch version (selects the pytorch/pytorch base image)")
        {
            Default = _ => "2.5.1",
            Choices = _ => Images.TorchVersions,
            Validate = (value, _) => Images.Python((string)value) is not null ? null
                : $"mx knows the pytorch/pytorch images of PyTorch {string.Join(", ", Images.TorchVersions)}.",
            ValidationDescription = "a PyTorch release with pytorch/pytorch images",
        },
        new("cuda_version", ParameterType.String, "CUDA version of the base image")
        {
            // 12.4 where the release has it (the default release does), else its newest CUDA.
            Default = a => Images.CudaVersions(a.GetString("torch_version")) is var offered && offered.Contains("12.4") ? "12.4" : offered[^1],
            DefaultDescription = "12.4, or the newest CUDA the PyTorch release has images for",
            Choices = a => Images.CudaVersions(a.GetString("torch_version")),
            Validate = (value, a) => Images.Image(a.GetString("torch_version"), (string)value) is not null ? null
                : $"pytorch/pytorch has no image of PyTorch {a.GetString("torch_version")} with CUDA {value}; it has CUDA " +
                  $"{string.Join(", ", Images.CudaVersions(a.GetString("torch_version")))}.",
            ValidationDescription = "a CUDA version the PyTorch release has images for",
        },
        new("python_version", ParameterType.String, "Python version")
        {
            Default = a => Images.Python(a.GetString("torch_version")),
            DefaultDescription = "the base image's Python",
            Validate = (value, a) => Images.Python(a.GetString("torch_version")) is var python && python == (string)value ? null
                : $"the base image {Images.Image(a.GetString("torch_version"), a.GetString("cuda_version"))} ships Python {python}, " +
                  $"so the project must use {python}; choose another --torch-version for another Python.",
            ValidationDescription = "the Python of the base image",
        },
        new("mlflow_version", ParameterType.String, "MLflow version of the tracking server and client")
        {
            Default = _ => "3.9.0",
            // Version.TryParse alone accepts "3.9. 0"; the pattern keeps the value usable as an image tag.
            Validate = (value, _) => VersionPattern().IsMatch((string)value) && System.Version.TryParse((string)value, out var v) && v >= new Version(3, 9)
                ? null : "must be 3.9.0 or newer (the first release with the -full server image).",
            ValidationDescription = "3.9.0 or newer",
        },
        new("job_deadline_hours", ParameterType.Integer, "Hours a training job may run before Kubernetes stops it (mx run --deadline overrides it per run)")
        {
            Default = _ => DefaultJobDeadlineHours,
            Validate = Validators.Between(1, 720),
            ValidationDescription = "1-720 (30 days)",
        },
        new("mlflow_database", ParameterType.String, "Where MLflow keeps its runs: in-cluster (PostgreSQL StatefulSet) or cloud-sql (managed, backed up)")
        {
            Default = _ => InClusterDatabase,
            Choices = _ => [InClusterDatabase, CloudSqlDatabase],
            Validate = (value, _) => value is InClusterDatabase or CloudSqlDatabase ? null
                : $"choose {InClusterDatabase} (a PostgreSQL StatefulSet with a persistent volume) or {CloudSqlDatabase} (Cloud SQL for PostgreSQL on a private IP, with backups).",
            ValidationDescription = "in-cluster or cloud-sql",
        },
        new("maintenance_window", ParameterType.String, "Days GKE may upgrade the cluster and its nodes, as an RRULE in UTC (a node upgrade restarts the jobs on it)")
        {
            Default = _ => MaintenanceSchedule.DefaultRecurrence,
            Validate = (value, _) => MaintenanceSchedule.RecurrenceProblem(value),
            ValidationDescription = "FREQ=DAILY or FREQ=WEEKLY;BYDAY=<MO,TU,WE,TH,FR,SA,SU>",
        },
        new("maintenance_hours", ParameterType.String, "Hours of those days GKE may upgrade, in UTC (HH:MM-HH:MM)")
        {
            Default = _ => MaintenanceSchedule.DefaultHours,
            Validate = (value, a) => MaintenanceSchedule.HoursProblem(value, a.TryGetValue("maintenance_window", out var rule) ? (string)rule : MaintenanceSchedule.DefaultRecurrence),
            ValidationDescription = $"HH:MM-HH:MM, giving GKE at least {MaintenanceSchedule.RequiredHours} hours in every {MaintenanceSchedule.RollingDays} days in stretches of 4 hours or more",
        },
        new("node_upgrade_freeze", ParameterType.String, "Days no node may be upgraded or recreated by GKE, for a long run (UTC dates FIRST/LAST), or none")
        {
            Default = _ => MaintenanceSchedule.NoFreeze,
            Validate = (value, _) => MaintenanceSchedule.FreezeProblem(value),
            ValidationDescription = $"none, or YYYY-MM-DD/YYYY-MM-DD lasting at most {MaintenanceSchedule.MaxFreezeDays} days",
        },
    ];

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [TrainingInfra];

    // Stack files are seeds: pulumi adds the stack's encryption salt and secrets to them, so a later generate must
    // neither overwrite them nor call them the user's edits; only the config keys that follow answers are set.
    protected override bool KeepsExisting(string path) =>
        path.StartsWith("infra/pulumi/", StringComparison.Ordinal) && Path.GetFileName(path) is var name &&
        name.StartsWith("Pulumi.", StringComparison.Ordinal) && name != "Pulumi.yaml";

    protected override Func<string, string>? Refresh(string path, string rendered) => StackSettings.Refresh(path, rendered);

    // The in-cluster database's manifests exist only while the answer asks for it.
    protected override bool Includes(string templatePath, GeneratorContext context) =>
        !templatePath.StartsWith("infra/k8s/training-infra/postgres-", StringComparison.Ordinal) ||
        (string)AnswerOrDefault(context.Answers, "mlflow_database") == InClusterDatabase;

    // A question added after a project was generated has no answer in its state; later generators re-render
    // the platform program from that state, so the question's default stands in (an in-cluster database).
    private object AnswerOrDefault(Answers answers, string key) =>
        answers.TryGetValue(key, out var value) ? value : Parameters.Single(p => p.Key == key).Default!(answers)!;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        var name = a.GetString("project_name");
        var gcpProject = a.GetString("gcp_project");
        var region = a.GetString("region");
        var gpuType = a.GetString("gpu_type");
        var model = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in Parameters) model[parameter.Key] = AnswerOrDefault(a, parameter.Key);
        model["engineers"] = DistinctEngineers((IReadOnlyList<string>)model["engineers"]!).ToArray();
        var cloudSql = (string)model["mlflow_database"]! == CloudSqlDatabase;
        model["job_deadline_seconds"] = JobDeadlineSeconds(a);
        model["cloud_sql"] = cloudSql;
        model["mlflow_tracking_uri"] = MlflowInClusterUri;
        model["cloud_sql_instance"] = $"{name}-mlflow";
        model["cloud_sql_proxy_image"] = CloudSqlProxyImage;
        string[] apis = ["compute", "container", "artifactregistry", "iam", "iamcredentials"];
        model["gcp_apis"] = cloudSql ? [.. apis, "servicenetworking", "sqladmin"] : apis;
        var package = NamingFunctions.PyIdent(name);
        model["package_name"] = package;
        model["config_dir_env"] = $"{package.ToUpperInvariant()}_CONFIG_DIR";
        model["python_target"] = "py" + a.GetString("python_version").Replace(".", "", StringComparison.Ordinal);
        model["gpu_pool_name"] = $"gpu-{gpuType.Replace("nvidia-", "", StringComparison.Ordinal)}-x{a.GetInt("gpu_count")}";
        model["bucket_location"] = region.ToUpperInvariant();
        model["engineer_accounts"] = EngineerAccounts((IReadOnlyList<string>)model["engineers"]!);
        model["cluster_name"] = name;
        model["gpu_display"] = Gcp.DisplayName(gpuType);
        model["gpu_machine_type"] = Gcp.MachineType(gpuType, a.GetInt("gpu_count"));
        model["base_image"] = Images.Image(a.GetString("torch_version"), a.GetString("cuda_version"));
        model["mlflow_image"] = $"ghcr.io/mlflow/mlflow:v{a.GetString("mlflow_version")}-full";
        model["postgres_image"] = "postgres:16.6-bookworm";
        var skeleton = SkeletonAnswers.From(a);
        model["registry"] = skeleton.Registry;
        model["python_registry"] = skeleton.PythonRegistry;
        model["data_bucket"] = $"{gcpProject}-{name}-data";
        model["artifacts_bucket"] = $"{gcpProject}-{name}-artifacts";
        model["checkpoint_prefix"] = CheckpointPrefix;
        model["checkpoint_mount"] = CheckpointMount;
        model["state_bucket"] = skeleton.StateBucket;
        model["nodes_sa"] = $"{name}-nodes";
        model["mlflow_sa"] = $"{name}-mlflow";
        model["training_sa"] = $"{name}-train";
        model["maintenance"] = MaintenanceSchedule.Model(
            (string)model["maintenance_window"]!, (string)model["maintenance_hours"]!, (string)model["node_upgrade_freeze"]!);
        model["sphinx_version"] = ProjectDocs.SphinxVersion;
        model["myst_parser_version"] = ProjectDocs.MystParserVersion;
        model["mx_version"] = GenerationService.MxVersion;
        return model;
    }

    // The GPU pool's nodes are on-demand VMs, so a shape Google sells only as Spot or Flex-start would never start.
    private static string? GpuCountProblem(string gpuType, int count)
    {
        if (Gcp.MachineType(gpuType, count) is not { } machine)
            return $"{gpuType} machines come with {string.Join(", ", Gcp.GpuCounts(gpuType))} GPUs.";
        if (!Gcp.IsSpotOnly(gpuType, count)) return null;
        var onDemand = Gcp.OnDemandGpuCounts(gpuType);
        return $"{machine} ({count} x {Gcp.DisplayName(gpuType)}) is sold only as Spot or Flex-start VMs, and mx's GPU pool runs on demand, so its nodes would never start. " +
               $"Use --gpu-count {string.Join(" or ", onDemand)} (sold on demand), or Spot VMs, which mx does not generate: generate with --gpu-count {onDemand[^1]}, " +
               "then set gpuPool's nodeConfig.machineType and nodeConfig.spot: true in infra/pulumi/cluster/Main.yaml yourself.";
    }

    /// <summary>
    /// The answer in seconds, as every job template's <c>activeDeadlineSeconds</c>; a project generated before
    /// the question existed gets the default.
    /// </summary>
    public static long JobDeadlineSeconds(Answers answers) =>
        (answers.TryGetValue("job_deadline_hours", out var hours) ? (long)hours : DefaultJobDeadlineHours) * 3600;

    // Each engineer's IAM bindings are Pulumi resources named after the address's local part, or after the
    // whole address when two engineers share a local part (ada@acme.ai, ada@partner.io). Keys must be unique in a
    // program, so an address given twice counts once (Google accounts ignore case) and names that still meet
    // (a.b@acme.ai and a-b@acme.ai both become a-b-acme-ai) are numbered in the order given.
    private static Dictionary<string, object?>[] EngineerAccounts(IReadOnlyList<string> emails)
    {
        static string LocalPart(string email) => NamingFunctions.KebabCase(email.Split('@')[0]);
        var distinct = DistinctEngineers(emails);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        return distinct.Select(email =>
        {
            var local = LocalPart(email);
            var name = local.Length == 0 || distinct.Count(e => LocalPart(e) == local) > 1 ? NamingFunctions.KebabCase(email) : local;
            var id = name;
            for (var n = 2; !ids.Add(id); n++) id = $"{name}-{n}";
            return new Dictionary<string, object?> { ["email"] = email, ["id"] = id };
        }).ToArray();
    }

    private static List<string> DistinctEngineers(IReadOnlyList<string> emails) =>
        emails.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    // ASCII digits without leading zeros, to the end of the text ('$' would allow a final newline): the value
    // becomes an image tag and a pip pin, which take it literally.
    [GeneratedRegex(@"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\z")]
    private static partial Regex VersionPattern();
}
