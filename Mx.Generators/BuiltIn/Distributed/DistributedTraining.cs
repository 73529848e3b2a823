using Mx.Generators.BuiltIn.Skeleton;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Distributed;

/// <summary>
/// Multi-node data-parallel training on the skeleton's GPU pool: the Kubeflow Trainer deployment (pinned to a
/// release), a TrainJob template on the <c>torch-distributed</c> runtime (or a v1 PyTorchJob), and a DDP entry
/// point next to the skeleton's trainer that reuses its config, data and model.
/// </summary>
internal sealed class DistributedTraining : IGenerator
{
    public const string Deployment = "distributed-training";
    public const string TrainJob = "trainjob";
    public const string PyTorchJob = "pytorchjob";

    /// <summary>The Kubeflow Trainer release the TrainJob template and the CRD schemas in the tests belong to.</summary>
    public const string TrainerRelease = "v2.3.0";

    /// <summary>The newest v1 training operator release (PyTorchJob), for clusters that still run it.</summary>
    public const string TrainingOperatorRelease = "v1.9.4";

    /// <summary>The repository both operators' kustomize overlays come from (the v1 operator's was renamed to it).</summary>
    public const string TrainerRepository = "https://github.com/kubeflow/trainer.git";

    private readonly DistributedTemplates _templates;

    public DistributedTraining() => _templates = new DistributedTemplates(this);

    public string Name => "DistributedTraining";
    public string Summary => "Multi-node PyTorch DDP: Kubeflow Trainer (pinned), a TrainJob or PyTorchJob template, a DDP trainer.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("workers", ParameterType.Integer, "Nodes (pods) a distributed run uses")
        {
            Default = a => Math.Min(2L, (long)a["gpu_max_nodes"]),
            DefaultDescription = "2, or gpu_max_nodes when the pool is smaller",
            Validate = (value, a) => (long)value is var n && n >= 1 && n <= (long)a["gpu_max_nodes"] ? null
                : $"the GPU pool scales to at most {a["gpu_max_nodes"]} nodes (gpu_max_nodes); choose 1-{a["gpu_max_nodes"]}, or raise gpu_max_nodes with 'mx generate MLProjectSkeleton --gpu-max-nodes N'.",
            ValidationDescription = "1 to the GPU pool's gpu_max_nodes",
        },
        new("gpus_per_worker", ParameterType.Integer, "GPUs (training processes) per node")
        {
            Default = a => a["gpu_count"],
            DefaultDescription = "every GPU of a GPU node (gpu_count)",
            Validate = (value, a) => (long)value is var n && n >= 1 && n <= (long)a["gpu_count"] ? null
                : $"a node of the GPU pool has {a["gpu_count"]} {a["gpu_type"]} GPU(s) (gpu_count); choose 1-{a["gpu_count"]}.",
            ValidationDescription = "1 to the GPU pool's gpu_count",
        },
        new("training_operator", ParameterType.String, "Operator that runs distributed jobs: trainjob (Kubeflow Trainer v2) or pytorchjob (v1)")
        {
            OptionName = "operator",
            Default = _ => TrainJob,
            Choices = _ => [TrainJob, PyTorchJob],
            Validate = (value, _) => value is TrainJob or PyTorchJob ? null
                : $"choose {TrainJob} (Kubeflow Trainer {TrainerRelease}, the maintained line) or {PyTorchJob} (training operator {TrainingOperatorRelease}, for clusters that already run it).",
            ValidationDescription = "trainjob or pytorchjob",
        },
    ];

    public bool CreatesProject => false;

    public IReadOnlyList<string> Writes => _templates.Writes;

    /// <summary>The variables the DistributedTraining templates see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        var skeleton = SkeletonAnswers.From(a);
        var distributed = DistributedAnswers.From(a);
        var name = skeleton.ProjectName;
        var gpusPerWorker = distributed.GpusPerWorker;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = name,
            ["package_name"] = NamingFunctions.PyIdent(name),
            ["mlflow_tracking_uri"] = MLProjectSkeleton.MlflowInClusterUri,
            ["workers"] = distributed.Workers,
            ["gpus_per_worker"] = gpusPerWorker,
            ["training_operator"] = distributed.TrainingOperator,
            ["trainer_release"] = TrainerRelease,
            ["training_operator_release"] = TrainingOperatorRelease,
            ["trainer_repository"] = TrainerRepository,
            ["trainer_commit"] = KustomizeBases.Commit(TrainerRepository, TrainerRelease),
            ["training_operator_commit"] = KustomizeBases.Commit(TrainerRepository, TrainingOperatorRelease),
            ["gpu_type"] = skeleton.GpuType,
            ["job_deadline_seconds"] = MLProjectSkeleton.JobDeadlineSeconds(a),
            ["image"] = $"{skeleton.Registry}/{name}:set-by-mx-run",
            // A share of the node per GPU: the skeleton's single job asks 2-4 CPUs and 8-16 GiB for one GPU.
            ["cpu_request"] = 2 * gpusPerWorker,
            ["cpu_limit"] = 4 * gpusPerWorker,
            ["memory_request_gi"] = 8 * gpusPerWorker,
            ["memory_limit_gi"] = 16 * gpusPerWorker,
            ["shm_gi"] = 8 * gpusPerWorker,
            ["artifacts_bucket"] = $"{a.GetString("gcp_project")}-{name}-artifacts",
            ["checkpoint_prefix"] = MLProjectSkeleton.CheckpointPrefix,
            ["checkpoint_mount"] = MLProjectSkeleton.CheckpointMount,
            ["mx_version"] = GenerationService.MxVersion,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return new Plan(own.Files, own.Deployments, [PlatformProgram.Enable(own.Deployments)]);
    }
}
