using Mx.Generators.BuiltIn.Queues;

namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// Model serving with KServe v0.20 in Standard mode: KServe, its runtimes and cert-manager as pinned Helm releases of
/// the platform program; the <c>serving</c> namespace with a service account that reads the MLflow models of the
/// artifacts bucket through workload identity (and its Google service account in the cluster program); and the
/// InferenceService template <c>mx serve</c> deploys an MLflow model with.
/// </summary>
internal sealed class ModelServing : IGenerator
{
    public const string GeneratorName = "ModelServing";
    public const string Deployment = "serving";
    public const string Namespace = "serving";
    public const string ServiceAccount = "model-server";
    public const string InferenceServiceTemplate = "infra/k8s/serving/inference-service.yaml";

    /// <summary>The KServe release, its Helm charts' version; the tests validate against its pinned CRDs.</summary>
    public const string KServeVersion = "v0.20.0";

    /// <summary>The cert-manager release KServe v0.20.0 is tested with (CERT_MANAGER_VERSION in its kserve-deps.env).</summary>
    public const string CertManagerVersion = "v1.17.0";

    /// <summary>The ClusterServingRuntime of KServe that serves the mlflow model format.</summary>
    public const string Runtime = "kserve-mlserver";

    private readonly ModelServingTemplates _templates;

    public ModelServing() => _templates = new ModelServingTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "Serve MLflow models with KServe v0.20 (Standard mode): mx serve RUN_ID|models:/NAME/VERSION, list, logs, test, delete.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("serving_shape", ParameterType.String, "Where a served model runs: cpu, or <gpu>-<gpus> on the project's GPU pool (such as l4-1)")
        {
            Default = _ => ServingShape.Cpu,
            Validate = (value, answers) => ServingShape.Parse((string)value, answers).Problem,
            ValidationDescription = "cpu, or the GPU pool's GPU with at most its GPUs per node, such as l4-1",
        },
        new("serving_min_replicas", ParameterType.Integer, "Fewest replicas of a served model (KServe's Standard mode keeps at least one)")
        {
            OptionName = "min-replicas",
            Default = _ => 1L,
            Validate = (value, _) => MinReplicasProblem((long)value),
            ValidationDescription = "1-20",
        },
        new("serving_max_replicas", ParameterType.Integer, "Most replicas of a served model the autoscaler may start")
        {
            OptionName = "max-replicas",
            Default = a => Math.Max(2L, a.TryGetValue("serving_min_replicas", out var min) ? (long)min : 1L),
            Validate = (value, answers) => MaxReplicasProblem((long)value, answers),
            ValidationDescription = "at least --min-replicas, at most 20",
        },
    ];

    public static string ServiceAccountId(Answers a) => $"{a.GetString("project_name")}-serve";

    public static string ServiceAccountEmail(Answers a) => $"{ServiceAccountId(a)}@{a.GetString("gcp_project")}.iam.gserviceaccount.com";

    public static string ArtifactsBucket(Answers a) => $"{a.GetString("gcp_project")}-{a.GetString("project_name")}-artifacts";

    // KServe v0.20's HPA reconciler (reconcilers/hpa/hpa_reconciler.go) raises a minReplicas below 1 to 1 in Standard
    // mode, so 0 would be a promise the cluster does not keep; scale to zero needs Knative or KEDA.
    private static string? MinReplicasProblem(long min) => min switch
    {
        0 => "KServe's Standard mode keeps at least one replica (its HPA raises minReplicas 0 to 1; scaling to zero needs Knative or KEDA, " +
             "which this project does not run). Use --min-replicas 1, and 'mx serve delete NAME' for a model nobody calls.",
        < 1 or > 20 => $"{min} replicas is outside 1-20.",
        _ => null,
    };

    private static string? MaxReplicasProblem(long max, Answers answers)
    {
        var min = answers.TryGetValue("serving_min_replicas", out var m) ? (long)m : 1L;
        if (max > 20) return $"{max} replicas is more than 20; raise the bound in {InferenceServiceTemplate} by hand if you need more.";
        return max < min ? $"--max-replicas {max} is below --min-replicas {min}; KServe's webhook refuses an InferenceService whose minReplicas exceeds maxReplicas." : null;
    }

    /// <summary>The variables the ModelServing templates and program fragments see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        var shape = ServingShape.Parse(a.GetString("serving_shape"), a).Shape!;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = a.GetString("project_name"),
            ["gcp_project"] = a.GetString("gcp_project"),
            ["namespace"] = Namespace,
            ["service_account"] = ServiceAccount,
            ["serving_sa"] = ServiceAccountId(a),
            ["serving_sa_email"] = ServiceAccountEmail(a),
            ["artifacts_bucket"] = ArtifactsBucket(a),
            ["kserve_version"] = KServeVersion,
            ["cert_manager_version"] = CertManagerVersion,
            ["serving_shape"] = shape.Name,
            ["gpu"] = shape.IsGpu,
            ["gpu_type"] = shape.GpuType,
            ["gpus"] = shape.Gpus.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cpu_request"] = shape.CpuRequest,
            ["cpu_limit"] = shape.CpuLimit,
            ["memory_request"] = shape.MemoryRequest,
            ["memory_limit"] = shape.MemoryLimit,
            ["min_replicas"] = a.GetInt("serving_min_replicas"),
            ["max_replicas"] = a.GetInt("serving_max_replicas"),
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        var model = Model(context);
        return new Plan(own.Files, own.Deployments,
        [
            PlatformProgram.Enable(own.Deployments),
            KServeInstall.Edit(model),
            ClusterProgramFragment.Edit("ModelServingClusterProgram", "modelServing",
                "add the model server's service account (reads MLflow's models only)", model),
        ]);
    }
}
