using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Generators.BuiltIn.Workspaces;

/// <summary>
/// Interactive GPU machines for development: a workspace image stage in the project's Dockerfile (the project's image
/// plus sshd, JupyterLab and the usual tools), the manifest template <c>mx workspace create</c> renders per workspace
/// (a non-root Pod with a home volume that outlives it), and on the GPU pool image streaming and optional warm nodes,
/// which make a start take seconds rather than minutes.
/// </summary>
internal sealed class DevWorkspace : IGenerator
{
    public const string GeneratorName = "DevWorkspace";

    /// <summary>The manifest template <c>mx workspace create</c> renders; Scriban, with the workspace's values.</summary>
    public const string ManifestTemplate = "infra/k8s/workspaces/workspace.yaml.scriban";

    /// <summary>The Dockerfile stage the workspace image is built from (<c>docker build --target workspace</c>).</summary>
    public const string ImageStage = "workspace";

    private readonly DevWorkspaceTemplates _templates;

    public DevWorkspace() => _templates = new DevWorkspaceTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "GPU dev workspaces: a workspace image (sshd, JupyterLab) and pod template for 'mx workspace', image streaming and warm nodes.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("workspace_idle_hours", ParameterType.Integer, "Idle work hours after which the idle reaper warns a workspace's owner")
        {
            Default = _ => 4L,
            Validate = (value, _) => (long)value is >= 1 and <= 200 ? null : "warn after 1 to 200 idle work hours.",
            ValidationDescription = "1 to 200",
        },
        new("workspace_max_keep_days", ParameterType.Integer, "How far ahead a workspace's opt-out from the reaper (mx.dev/keep-until) may reach, in days")
        {
            Default = _ => 7L,
            Validate = (value, _) => (long)value is >= 1 and <= 90 ? null : "an opt-out may reach 1 to 90 days ahead.",
            ValidationDescription = "1 to 90",
        },
        new("workspace_home_gi", ParameterType.Integer, "Size of each workspace's home volume in GiB (kept when the workspace stops)")
        {
            Default = _ => 100L,
            Validate = (value, _) => (long)value is >= 10 and <= 4096 ? null : "a home volume has 10 to 4096 GiB.",
            ValidationDescription = "10 to 4096",
        },
        new("workspace_image_streaming", ParameterType.Boolean,
            "Turn on GKE image streaming on the GPU pool, so a workspace starts before its image is fully pulled (images in Artifact Registry)")
        {
            Default = _ => true,
        },
        new("workspace_warm_nodes", ParameterType.Integer,
            "GPU nodes the GPU pool keeps running for workspaces (0 scales to zero; each warm node is billed while idle)")
        {
            Default = _ => 0L,
            Validate = (value, a) => (long)value >= 0 && (long)value <= a.GetInt("gpu_max_nodes")
                ? null
                : $"keep 0 to {a.GetInt("gpu_max_nodes")} warm nodes (the GPU pool's most nodes, gpu_max_nodes).",
            ValidationDescription = "0 to the GPU pool's most nodes (gpu_max_nodes)",
        },
    ];

    /// <summary>The variables the DevWorkspace templates see: its files are copied as they are.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context) =>
        new Dictionary<string, object?>(StringComparer.Ordinal) { ["project_name"] = context.Answers.GetString("project_name") };

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return new Plan(own.Files, own.Deployments, [WorkspaceDockerfile.Edit(), WorkspaceNodePool.Edit(context.Answers)]);
    }

    /// <summary>The GPU shape of the project's GPU pool, as workspaces name it (<c>l4-1</c>).</summary>
    internal static string GpuShape(Answers answers)
    {
        var skeleton = SkeletonAnswers.From(answers);
        return $"{Queues.QueueShape.ShortName(skeleton.GpuType)}-{skeleton.GpuCount}";
    }
}
