using System.Text.RegularExpressions;
using Mx.Generators;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary>
/// Everything the stack commands need to know about a project, resolved once: its programs, the stack and
/// backend to use (flag, else what state remembers, else the defaults), and the answers the stack config
/// comes from.
/// </summary>
public sealed partial record InfraProject(string Root, ProjectState State, string Stack, string Backend, IReadOnlyList<StackProgram> Programs)
{
    public const string DefaultStack = "dev";

    public string ProjectName => State.Answers.GetString("project_name");
    public string GcpProject => State.Answers.GetString("gcp_project");
    public string Region => State.Answers.GetString("region");
    public string Zone => State.Answers.GetString("zone");

    /// <summary>The bucket the cluster program adopts for Pulumi's state (MLProjectSkeleton's naming).</summary>
    public string StateBucket => SkeletonAnswers.StateBucketName(GcpProject, ProjectName);

    public string DefaultBackend => "gs://" + StateBucket;

    /// <summary>The bucket of a <c>gs://</c> backend, which mx creates when it does not exist yet.</summary>
    public string? BackendBucket => Backend.StartsWith("gs://", StringComparison.Ordinal) ? Backend["gs://".Length..].TrimEnd('/') : null;

    public StackProgram Program(string name) => Programs.FirstOrDefault(p => p.Name == name)
        ?? throw new MxException($"This project has no infra/pulumi/{name} program. mx up runs the programs MLProjectSkeleton generates; " +
                                 "run 'mx generate MLProjectSkeleton' in the project to restore them.");

    /// <summary>Finds the project above <paramref name="workingDirectory"/> and resolves its stack and backend.</summary>
    public static InfraProject Load(string workingDirectory, string? stack, string? backend)
    {
        var root = ProjectPaths.RequireProjectRoot(workingDirectory);
        var state = StateFile.Load(root)!;
        foreach (var answer in new[] { "project_name", "gcp_project", "region", "zone" })
            if (!state.Answers.ContainsKey(answer))
                throw new MxException($"{StateFile.RelativePath} has no '{answer}' answer, which the stacks are configured from. " +
                                      "Run 'mx generate MLProjectSkeleton' in the project to record it.");
        var programs = StackProgram.UpOrder
            .Select(name => Path.Combine(root, "infra", "pulumi", name))
            .Where(dir => File.Exists(Path.Combine(dir, "Pulumi.yaml")))
            .Select(dir => new StackProgram(Path.GetFileName(dir), dir, PulumiProjectFile.Name(Path.Combine(dir, "Pulumi.yaml"))))
            .ToArray();
        var resolvedStack = stack ?? state.Infra.Stack ?? DefaultStack;
        if (!StackName().IsMatch(resolvedStack))
            throw new MxException($"'{resolvedStack}' is not a stack name pulumi accepts: use letters, digits, '-', '_' and '.', e.g. --stack dev.");
        var project = new InfraProject(root, state, resolvedStack, "", programs);
        return project with { Backend = NormalizeBackend(backend ?? state.Infra.Backend ?? project.DefaultBackend, workingDirectory) };
    }

    /// <summary>
    /// A <c>file://</c> backend is made absolute, because pulumi runs in each program's directory and a relative
    /// path would name a different directory for each.
    /// </summary>
    public static string NormalizeBackend(string backend, string workingDirectory)
    {
        if (backend.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = backend["file://".Length..];
            if (path.Length == 0) throw new MxException("--backend file:// needs a directory, e.g. --backend file://.pulumi-state.");
            return "file://" + Path.GetFullPath(path, workingDirectory);
        }
        if (BackendScheme().IsMatch(backend)) return backend.TrimEnd('/');
        throw new MxException($"'{backend}' is not a Pulumi backend URL. Use gs://BUCKET (the default is the project's state bucket) " +
                              "or file://DIRECTORY for a local trial.");
    }

    /// <summary>The stack configuration mx writes from the answers, per program.</summary>
    public IReadOnlyDictionary<string, string> DesiredConfig(StackProgram program) => program.Name switch
    {
        StackProgram.Cluster => new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["gcp:project"] = GcpProject,
            ["gcp:region"] = Region,
            ["gcp:zone"] = Zone,
            [$"{program.PulumiProject}:gpuMaxNodes"] = Answers.Format(State.Answers["gpu_max_nodes"]),
        },
        _ => new SortedDictionary<string, string>(StringComparer.Ordinal),
    };

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,100}$")]
    private static partial Regex StackName();

    [GeneratedRegex("^[a-z][a-z0-9+.-]*://.+$")]
    private static partial Regex BackendScheme();
}
