using System.Globalization;
using System.Text.RegularExpressions;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// Kueue queues over node pools of chosen shapes: a GPU node pool per shape in the cluster program (autoscaled from
/// zero), Kueue (pinned) in the platform stack, and per shape a ResourceFlavor, a ClusterQueue sized to what the
/// pool can scale to, and a LocalQueue in the training namespace; every ClusterQueue in one cohort, so a queue may
/// borrow what the others leave idle and gets it back by preemption.
/// </summary>
internal sealed partial class GpuQueues : IGenerator
{
    public const string GeneratorName = "GpuQueues";
    public const string Deployment = "gpu-queues";

    /// <summary>The teams' namespaces, queues, quotas and access; written only while there are teams.</summary>
    public const string TeamsFile = "infra/k8s/gpu-queues/teams.yaml";

    /// <summary>The Kueue release the deployment installs and the CRD schemas in the tests belong to.</summary>
    public const string KueueRelease = "v0.19.2";

    /// <summary>
    /// The commit the release tag points at (Data/kustomize-bases.txt). The remote base is pinned to it rather than
    /// to the tag, which could be moved.
    /// </summary>
    public static string KueueCommit => Distributed.KustomizeBases.Commit("https://github.com/kubernetes-sigs/kueue.git", KueueRelease);

    /// <summary>The node label naming a queue pool's shape; the shape's ResourceFlavor selects it.</summary>
    public const string ShapeLabel = "mx.dev/shape";

    public const long DefaultMaxNodes = 2;

    private readonly GpuQueuesTemplates _templates;

    public GpuQueues() => _templates = new GpuQueuesTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "Kueue queues per node shape (pinned Kueue, one cohort, priorities) over GPU node pools that scale from zero.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("queue_shapes", ParameterType.StringList, "Node shapes with a queue each: cpu, or <gpu>-<gpus per node> such as l4-2")
        {
            Default = a => new[] { QueueShape.Cpu, $"{QueueShape.ShortName(a.GetString("gpu_type"))}-{a.GetInt("gpu_count")}" },
            DefaultDescription = "cpu and the skeleton's GPU shape (<gpu_type>-<gpu_count>, e.g. l4-1)",
            Validate = (value, a) => ShapesProblem((IReadOnlyList<string>)value, a),
            ValidationDescription = "1-16 distinct shapes: cpu, or a GPU the project's zone offers with a GPU count a machine type carries",
        },
        new("queue_max_nodes", ParameterType.StringList, "Most nodes each shape's pool scales to, as shape=N (shapes not named get 2)")
        {
            Default = a => a.GetList("queue_shapes").Select(s => $"{s}={DefaultMaxNodes}").ToArray(),
            DefaultDescription = "2 for every shape",
            Validate = (value, a) => MaxNodesProblem((IReadOnlyList<string>)value, a.GetList("queue_shapes")),
            ValidationDescription = "shape=N for shapes of queue_shapes, each at most once, N from 1 to 64",
        },
        new("queue_flex_start", ParameterType.StringList,
            "GPU shapes whose pools get nodes through GKE's flex-start with queued provisioning (Dynamic Workload Scheduler): Kueue asks GKE for all of a job's nodes at once and admits the job when they exist")
        {
            Default = _ => Array.Empty<string>(),
            DefaultDescription = "none",
            Validate = (value, a) => FlexStartProblem((IReadOnlyList<string>)value, a.GetList("queue_shapes")),
            ValidationDescription = "GPU shapes of queue_shapes",
        },
        new("queue_spot", ParameterType.StringList, "GPU shapes whose pools use Spot VMs (cheaper, may be reclaimed)")
        {
            Default = a => Shapes(a).Where(s => s.IsSpotOnly && !FlexStart(a).Contains(s.Name)).Select(s => s.Name).ToArray(),
            DefaultDescription = "none, except the shapes Google sells only as Spot or flex-start (a3-highgpu-1g/2g/4g) that are not flex-start",
            Validate = (value, a) => SpotProblem((IReadOnlyList<string>)value, a),
            ValidationDescription = "GPU shapes of queue_shapes that are not flex-start; must include every shape sold only as Spot unless it is flex-start",
        },
        new("queue_priorities", ParameterType.StringList, "Workload priority classes, lowest first")
        {
            Default = _ => new[] { "low", "normal", "high" },
            Validate = (value, _) => PrioritiesProblem((IReadOnlyList<string>)value),
            ValidationDescription = "1-10 distinct DNS labels, lowest priority first",
        },
        new("queue_teams", ParameterType.StringList, "Teams with a namespace team-<name> of their own; set them with 'mx team add/remove'")
        {
            Default = _ => Array.Empty<string>(),
            DefaultDescription = "no teams",
            Validate = (value, a) => TeamsProblem((IReadOnlyList<string>)value, a),
            ValidationDescription = "one entry per team, 'NAME members=a@x|b@x quota=SHAPE=N|SHAPE=N' (quota optional, in GPUs of GPU shapes, " +
                                    "at most the shape's pool); names DNS labels starting with a letter; a member in one team only",
        },
    ];

    /// <summary>
    /// The shape a job goes through when none is named: the skeleton's GPU pool's shape when it has a queue, else the first
    /// GPU shape; null without GPU shapes.
    /// </summary>
    internal static string? DefaultShape(Answers a)
    {
        var shapes = a.GetList("queue_shapes");
        var skeleton = $"{QueueShape.ShortName(a.GetString("gpu_type"))}-{a.GetInt("gpu_count")}";
        return shapes.Contains(skeleton) ? skeleton : shapes.FirstOrDefault(s => s != QueueShape.Cpu);
    }

    /// <summary>The teams of the answers, in the order they were added; none in a project from before teams.</summary>
    internal static IReadOnlyList<QueueTeam> Teams(Answers a) =>
        a.TryGetValue("queue_teams", out var teams)
            ? ((IReadOnlyList<string>)teams).Select(entry => QueueTeam.Parse(entry).Team ?? throw new MxException(
                $"The queue team '{Answers.Excerpt(entry)}' in .mx/state.yaml cannot be read. Remove it with 'mx team remove NAME' and add it again. Nothing was written.")).ToArray()
            : [];

    private static string? TeamsProblem(IReadOnlyList<string> entries, Answers a)
    {
        var queues = Queues(a);
        var project = a.GetString("project_name");
        var names = new HashSet<string>(StringComparer.Ordinal);
        var members = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var (team, problem) = QueueTeam.Parse(entry);
            if (team is null) return problem;
            if (team.Problem(project, queues) is { } teamProblem) return teamProblem;
            if (!names.Add(team.Name)) return $"team {team.Name} is given twice; name each team once.";
            foreach (var member in team.Members)
                if (!members.TryAdd(member, team.Name))
                    return $"{member} is in teams {members[member]} and {team.Name}; a member belongs to one team, whose namespace their jobs run in.";
        }
        return null;
    }

    /// <summary>The shapes of the answers with their pools' size and pricing, in the order given.</summary>
    internal static IReadOnlyList<(QueueShape Shape, int MaxNodes, bool Spot, bool FlexStart)> Queues(Answers a)
    {
        var maxNodes = ParseMaxNodes(a.GetList("queue_max_nodes"));
        var spot = a.GetList("queue_spot");
        var flexStart = FlexStart(a);
        return Shapes(a).Select(s => (s, maxNodes.TryGetValue(s.Name, out var n) ? n : (int)DefaultMaxNodes, spot.Contains(s.Name), flexStart.Contains(s.Name))).ToArray();
    }

    // Projects whose queues were generated before flex-start was asked about have none.
    private static IReadOnlyList<string> FlexStart(Answers a) =>
        a.TryGetValue("queue_flex_start", out var value) ? (IReadOnlyList<string>)value : [];

    private static string? FlexStartProblem(IReadOnlyList<string> flexStart, IReadOnlyList<string> shapes)
    {
        var gpuShapes = shapes.Where(s => s != QueueShape.Cpu).ToArray();
        foreach (var name in flexStart)
        {
            if (name == QueueShape.Cpu)
                return "cpu runs on the skeleton's CPU pool, which GKE does not provision through flex-start; name GPU shapes only.";
            if (!shapes.Contains(name))
                return $"'{name}' is not one of the queue shapes; the GPU shapes are {(gpuShapes.Length == 0 ? "none" : string.Join(", ", gpuShapes))}.";
        }
        if (flexStart.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"'{twice.Key}' is given twice; name each shape once.";
        return null;
    }

    // The answers were valid when given; the skeleton's zone may have changed since, so they are checked again here.
    private static IReadOnlyList<QueueShape> Shapes(Answers a) =>
        a.GetList("queue_shapes").Select(name => QueueShape.Parse(name, a.GetString("region"), a.GetString("zone"), CpuMachineType(a)) switch
        {
            ({ } shape, _) => shape,
            (_, var problem) => throw new MxException(
                $"The queue shapes no longer fit the project: {problem} Choose others with 'mx generate GpuQueues --queue-shapes ...'. Nothing was written."),
        }).ToArray();

    // A project generated before the skeleton asked for the CPU machine type has its old default.
    private static string CpuMachineType(Answers a) => a.TryGetValue("cpu_machine_type", out var type) ? (string)type : "e2-standard-4";

    private static string? ShapesProblem(IReadOnlyList<string> shapes, Answers a)
    {
        if (shapes.Count is 0 or > 16)
            return $"give 1 to 16 shapes; {a.GetString("zone")} offers cpu, {string.Join(", ", QueueShape.OfferedIn(a.GetString("region"), a.GetString("zone")))}.";
        if (shapes.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"'{twice.Key}' is given twice; name each shape once.";
        foreach (var name in shapes)
            if (QueueShape.Parse(name, a.GetString("region"), a.GetString("zone"), CpuMachineType(a)).Problem is { } problem)
                return problem;
        return null;
    }

    private static Dictionary<string, int> ParseMaxNodes(IReadOnlyList<string> entries)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
            if (entry.Split('=') is [var shape, var n] && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                result[shape] = count;
        return result;
    }

    private static string? MaxNodesProblem(IReadOnlyList<string> entries, IReadOnlyList<string> shapes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Split('=') is not [var shape, var n] || !int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                return $"'{entry}' is not shape=N; write for example {shapes[^1]}=2.";
            if (!shapes.Contains(shape))
                return $"'{shape}' is not one of the queue shapes; they are {string.Join(", ", shapes)}.";
            if (!seen.Add(shape))
                return $"'{shape}' is given twice; give each shape's most nodes once.";
            if (count is < 1 or > 64)
                return $"'{entry}': a pool scales to 1-64 nodes.";
        }
        return null;
    }

    private static string? SpotProblem(IReadOnlyList<string> spot, Answers a)
    {
        var shapes = a.GetList("queue_shapes");
        var gpuShapes = shapes.Where(s => s != QueueShape.Cpu).ToArray();
        foreach (var name in spot)
        {
            if (name == QueueShape.Cpu)
                return "cpu runs on the skeleton's on-demand CPU pool, which mx does not make Spot; name GPU shapes only.";
            if (!shapes.Contains(name))
                return $"'{name}' is not one of the queue shapes; the GPU shapes are {(gpuShapes.Length == 0 ? "none" : string.Join(", ", gpuShapes))}.";
        }
        // GKE refuses a node pool that is both Spot and flex-start (cluster-toolkit gke-node-pool encodes the same rule).
        foreach (var name in spot.Intersect(FlexStart(a)))
            return $"'{name}' is flex-start (--queue-flex-start), and GKE does not make flex-start VMs Spot; name it in one of the two only.";
        foreach (var shape in Shapes(a).Where(s => s.IsSpotOnly && !spot.Contains(s.Name) && !FlexStart(a).Contains(s.Name)))
            return $"{shape.MachineType} ({shape.Name}) is sold only as Spot or Flex-start VMs, so an on-demand pool would never start a node; " +
                   $"add {shape.Name} to --queue-spot or --queue-flex-start, or choose {QueueShape.ShortName(shape.GpuType!)}-{GcpCatalog.Default.OnDemandGpuCounts(shape.GpuType!)[^1]}.";
        return null;
    }

    private static string? PrioritiesProblem(IReadOnlyList<string> priorities)
    {
        if (priorities.Count is 0 or > 10) return "give 1 to 10 priority names, lowest first, such as low,normal,high.";
        foreach (var name in priorities)
            if (!DnsLabel().IsMatch(name))
                return $"'{name}' cannot name a WorkloadPriorityClass: use lowercase letters, digits and '-' (at most 63, starting and ending with a letter or digit).";
        if (priorities.GroupBy(p => p).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"'{twice.Key}' is given twice; name each priority once.";
        return null;
    }

    /// <summary>The variables the GpuQueues templates see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        var name = a.GetString("project_name");
        var queues = Queues(a).Select(q =>
        {
            var size = MachineSizes.Default.Size(q.Shape.MachineType) ?? throw new InvalidOperationException($"gce-machine-sizes.txt lacks {q.Shape.MachineType}");
            var (cpuMillis, memoryMi) = MachineSizes.Allocatable(size.Cpus, size.MemoryMi);
            return new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = q.Shape.Name,
                ["gpu"] = q.Shape.IsGpu,
                ["gpus"] = q.Shape.Gpus,
                ["machine_type"] = q.Shape.MachineType,
                ["max_nodes"] = q.MaxNodes,
                ["spot"] = q.Spot,
                ["flex_start"] = q.FlexStart,
                ["admission_check"] = $"{q.Shape.Name}-flex-start",
                ["pool_name"] = q.Shape.IsGpu ? NodePools.PoolName(q.Shape.Name) : "cpu",
                ["cpu_quota"] = $"{cpuMillis * q.MaxNodes}m",
                ["memory_quota"] = $"{memoryMi * q.MaxNodes}Mi",
                ["gpu_quota"] = q.Shape.Gpus * q.MaxNodes,
            };
        }).ToArray();
        var priorities = a.GetList("queue_priorities").Select((p, i) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = p,
            ["value"] = (i + 1) * 100,
        }).ToArray();
        var all = Queues(a);
        var teams = Teams(a).Select(t => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = t.Name,
            ["namespace"] = t.Namespace,
            ["members"] = t.Members.ToArray(),
            ["gpu_limit"] = t.GpuLimit(all),
            ["quota"] = t.Quota.Count == 0 ? "none, so the GPU pools' size" : string.Join(", ", t.Quota.Select(q => $"{q.Shape}={q.Gpus}")),
            ["gcp_service_account"] = $"{QueueTeam.AccountId(name, t.Name)}@{a.GetString("gcp_project")}.iam.gserviceaccount.com",
        }).ToArray();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = name,
            ["teams"] = teams,
            ["any_teams"] = teams.Length > 0,
            ["service_account"] = TeamAccounts.KubernetesServiceAccount,
            ["cohort"] = name,
            ["queues"] = queues,
            ["any_gpu"] = queues.Any(q => (bool)q["gpu"]!),
            ["queued_taint"] = NodePools.QueuedTaint,
            ["priorities"] = priorities,
            ["shape_label"] = ShapeLabel,
            ["kueue_release"] = KueueRelease,
            ["kueue_commit"] = KueueCommit,
            ["mx_version"] = GenerationService.MxVersion,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return new Plan(own.Files, own.Deployments, [PlatformProgram.Enable(own.Deployments), NodePools.Edit(context.Answers), TeamAccounts.Edit(context.Answers),
            .. JobQueueLabels.Edits(context.Answers)]);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial Regex DnsLabel();
}
