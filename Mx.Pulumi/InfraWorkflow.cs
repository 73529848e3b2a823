using System.Text.Json;
using Mx.Generators;
using Mx.Pulumi.Events;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary>
/// The steps behind <c>mx up</c>, <c>preview</c>, <c>down</c> and <c>deploy</c>: prerequisites, the state bucket,
/// stack selection and configuration, and pulumi operations whose engine events go to the caller as they come.
/// The caller holds the project lock; this class writes state through <see cref="StateFile"/>.
/// </summary>
public sealed class InfraWorkflow
{
    private readonly ToolRunner _runner;
    private readonly Action<string> _say;

    public InfraWorkflow(InfraProject project, Action<string> say) : this(project, say, ToolRunner.Default)
    {
    }

    internal InfraWorkflow(InfraProject project, Action<string> say, ToolRunner runner)
    {
        Project = project;
        _say = say;
        _runner = runner;
    }

    public InfraProject Project { get; }

    /// <summary>
    /// Checks pulumi and the passphrase, makes sure the backend exists (creating the state bucket and enabling the
    /// APIs pulumi needs before anything else only when <paramref name="createBackend"/>, i.e. for mx up), selects
    /// or creates the stack of each program and writes its config.
    /// </summary>
    public void Prepare(IReadOnlyList<StackProgram> programs, bool createBackend)
    {
        _runner.Locate(Tool.Pulumi);
        if (!programs.All(p => PulumiProjectFile.HasOwnSecretsProvider(p.StackFile(Project.Stack)))
            && PulumiEnvironment.PassphraseProblem(_runner.Environment) is { } problem)
            throw new MxException(problem);
        if (createBackend) EnableBootstrapServices();
        EnsureBackend(createBackend);
        if (createBackend) Gateway.DnsZoneCheck.Require(Project, _runner);
        foreach (var program in programs)
        {
            Pulumi(program, PulumiArguments.SelectStack(Project.Stack), $"selecting the {program.Name} stack '{Project.Stack}'");
            var changes = PulumiProjectFile.Differences(PulumiProjectFile.StackConfig(program.StackFile(Project.Stack)), Project.DesiredConfig(program));
            if (changes.Count > 0)
            {
                _say($"Configuring the {program.Name} stack '{Project.Stack}': {string.Join(", ", changes.Keys)}");
                Pulumi(program, PulumiArguments.SetConfig(Project.Stack, changes), $"writing the {program.Name} stack's configuration");
            }
        }
        SaveState(state => state with { Infra = state.Infra with { Backend = Project.Backend, Stack = Project.Stack } });
    }

    /// <summary>Writes a secret config value; the value reaches pulumi on its standard input, never in its argv.</summary>
    public void SetSecretConfig(StackProgram program, string key, string value) =>
        _runner.RunChecked(PulumiInvocation(program, PulumiArguments.SetSecretConfig(Project.Stack, key), $"writing the secret '{key}'")
            with { StandardInput = value });

    public Task<OperationOutcome> UpAsync(StackProgram program, bool refresh, Action<EngineEvent> onEvent, Interruption interruption) =>
        StreamAsync(program, StackOperation.Up, PulumiArguments.Up(Project.Stack, refresh), onEvent, interruption);

    public Task<OperationOutcome> PreviewAsync(StackProgram program, bool refresh, Action<EngineEvent> onEvent, Interruption interruption) =>
        StreamAsync(program, StackOperation.Preview, PulumiArguments.Preview(Project.Stack, refresh), onEvent, interruption);

    /// <summary>
    /// Destroys a program's resources but keeps protected ones (the state bucket). In a program that declares
    /// <c>deletionProtection</c>, every resource whose protection follows it (the GKE cluster, a Cloud SQL
    /// instance) gets it switched off first, since Google refuses to delete them otherwise, and the config key
    /// is removed again afterwards.
    /// </summary>
    public async Task<OperationOutcome> DestroyAsync(StackProgram program, Action<EngineEvent> onEvent, Interruption interruption)
    {
        var protectionKey = $"{program.PulumiProject}:deletionProtection";
        var guarded = PulumiProjectFile.DeclaresConfig(Path.Combine(program.Directory, "Pulumi.yaml"), "deletionProtection")
            ? PulumiProgramResources.Following(Path.Combine(program.Directory, "Main.yaml"), "deletionProtection")
            : [];
        var releaseProtection = guarded.Count > 0;
        if (releaseProtection)
        {
            _say($"Switching off deletion protection in the {program.Name} stack '{Project.Stack}' ({string.Join(", ", guarded.Select(r => r.Name))})");
            Pulumi(program, PulumiArguments.SetConfig(Project.Stack, [new(protectionKey, "false")]), "switching off deletion protection");
            var targets = guarded.Select(r => PulumiProgramResources.Urn(Project.Stack, program.PulumiProject, r.Name, r.Type)).ToArray();
            await StreamAsync(program, StackOperation.Up, PulumiArguments.Up(Project.Stack, refresh: false, targets), onEvent, interruption);
        }
        var outcome = await StreamAsync(program, StackOperation.Destroy, PulumiArguments.Destroy(Project.Stack, excludeProtected: true), onEvent, interruption,
            DestroyRemedy(program));
        if (releaseProtection) Pulumi(program, PulumiArguments.RemoveConfig(Project.Stack, protectionKey), "restoring the deletion protection setting");
        SaveState(state => state with { Infra = state.Infra with { Outputs = WithoutProgram(state.Infra.Outputs, program) } });
        return outcome;
    }

    /// <summary>The buckets a program keeps when it is destroyed (<c>retainOnDelete</c>), objects and all.</summary>
    public static IReadOnlyList<string> KeptBuckets(StackProgram program) =>
        PulumiProgramResources.Retained(Path.Combine(program.Directory, "Main.yaml"), "gcp:storage:Bucket");

    /// <summary>The program's Backup for GKE plans that a destroy leaves in the cloud with their backups, by resource name.</summary>
    public static IReadOnlyList<string> KeptBackupPlans(StackProgram program) =>
        PulumiProgramResources.RetainedResources(Path.Combine(program.Directory, "Main.yaml"), "gcp:gkebackup:BackupPlan");

    // Google holds a Cloud SQL instance's private services connection for days after the instance is deleted, so
    // the program lets go of the connection (deletionPolicy: ABANDON) and its peering then keeps the network alive.
    // pulumi-gcp 9.37 has no deletion policy that removes the peering, so mx says how to.
    private string? DestroyRemedy(StackProgram program)
    {
        var main = Path.Combine(program.Directory, "Main.yaml");
        if (program.Name != StackProgram.Cluster || !File.Exists(main) || !File.ReadAllText(main).Contains("gcp:servicenetworking:Connection", StringComparison.Ordinal))
            return null;
        return "If the network could not be deleted because the peering of Cloud SQL's private services connection still uses it " +
            "(Google keeps the connection for days after the instance is gone), remove the peering with " +
            $"'gcloud compute networks peerings delete servicenetworking-googleapis-com --network {Project.ProjectName} --project {Project.GcpProject}' " +
            "and run 'mx down' again; what pulumi finished is recorded in the stack's state, so it continues from there.";
    }

    /// <summary>Reads the stack's outputs and stores the ones that are not secret in state as <c>&lt;program&gt;.&lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> RecordOutputs(StackProgram program)
    {
        var result = Pulumi(program, PulumiArguments.StackOutputs(Project.Stack), $"reading the {program.Name} stack's outputs");
        var outputs = ParseOutputs(result.StandardOutput);
        SaveState(state =>
        {
            var merged = new SortedDictionary<string, string>(WithoutProgram(state.Infra.Outputs, program).ToDictionary(), StringComparer.Ordinal);
            foreach (var (name, value) in outputs) merged[$"{program.Name}.{name}"] = value;
            return state with { Infra = state.Infra with { Outputs = merged } };
        });
        return outputs;
    }

    /// <summary>Non-secret outputs of <c>pulumi stack output --json</c>: strings as they are, other values as JSON.</summary>
    public static IReadOnlyDictionary<string, string> ParseOutputs(string json)
    {
        using var document = JsonDocument.Parse(json.Trim().Length == 0 ? "{}" : json);
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in document.RootElement.EnumerateObject())
        {
            if (output.Value.ValueKind == JsonValueKind.String && output.Value.GetString() == "[secret]") continue;
            outputs[output.Name] = output.Value.ValueKind == JsonValueKind.String ? output.Value.GetString()! : output.Value.GetRawText();
        }
        return outputs;
    }

    private async Task<OperationOutcome> StreamAsync(StackProgram program, StackOperation operation, IReadOnlyList<string> arguments,
        Action<EngineEvent> onEvent, Interruption interruption, string? remedy = null)
    {
        var verb = operation.ToString().ToLowerInvariant();
        var invocation = PulumiInvocation(program, arguments, $"running pulumi {verb} on the {program.Name} stack '{Project.Stack}'") with
        {
            Environment = PulumiEnvironment.For(Project.Backend, streamingPreview: operation == StackOperation.Preview),
            Remedy = remedy ?? (operation == StackOperation.Preview
                ? "Fix the cause above and run mx preview again."
                : $"Fix the cause above and run the command again: what pulumi finished is recorded in the stack's state, so it continues from there."),
        };
        SummaryEvent? summary = null;
        var errors = new List<string>();
        var result = await _runner.RunAsync(invocation, line =>
        {
            if (EngineEventParser.Parse(line) is not { } parsed) return;
            if (parsed is SummaryEvent s) summary = s;
            if (parsed is DiagnosticEvent { IsError: true } error) errors.Add(error.Message.Trim());
            onEvent(parsed);
        }, interruption);
        if (!result.Succeeded)
        {
            // With --json, pulumi's reasons are error diagnostics in the stream rather than text on stderr.
            var reasons = string.Join('\n', errors.Where(e => e.Length > 0));
            throw ToolFailures.Failed(invocation, result with { StandardOutput = reasons, StandardError = string.Join('\n', reasons, result.StandardError.Trim()).Trim() });
        }
        return new OperationOutcome(program, operation, summary);
    }

    // The cluster program enables the APIs it uses itself (gcp:projects:Service), which needs the Service Usage and
    // Resource Manager APIs; a fresh project has neither, so pulumi would fail on its first resource. Enabling is
    // idempotent and takes seconds, so every mx up does it rather than remembering whether it did.
    private void EnableBootstrapServices()
    {
        _say($"Enabling the Service Usage and Resource Manager APIs in project {Project.GcpProject}");
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.EnableServices(Project.GcpProject, GcloudArguments.BootstrapServices),
            $"enabling {string.Join(" and ", GcloudArguments.BootstrapServices)} in project {Project.GcpProject}")
        {
            Remedy = $"Check that billing is enabled for project {Project.GcpProject} and that your account may enable services in it " +
                     "(roles/serviceusage.serviceUsageAdmin, included in Owner and Editor).",
        });
    }

    private void EnsureBackend(bool create)
    {
        if (Project.Backend.StartsWith("file://", StringComparison.Ordinal))
        {
            Directory.CreateDirectory(Project.Backend["file://".Length..]);
            return;
        }
        if (Project.BackendBucket is not { } bucket) return;
        var describe = new ToolInvocation(Tool.Gcloud, GcloudArguments.DescribeBucket(bucket, Project.GcpProject), $"looking for the state bucket gs://{bucket}")
        {
            Remedy = $"Check that you are logged in ('gcloud auth login') and may use project {Project.GcpProject}.",
        };
        var found = _runner.Run(describe);
        if (found.Succeeded) return;
        if (!IsNotFound(found)) throw ToolFailures.Failed(describe, found);
        if (!create)
            throw new MxException($"The state bucket gs://{bucket} does not exist, so nothing has been deployed with this backend yet. " +
                                  "Run 'mx up' first (it creates the bucket), or use --backend file://DIRECTORY for a local trial.");
        _say($"Creating the state bucket gs://{bucket} in {Project.Region}; it holds both stacks' state and is kept by mx down");
        var remedy = $"Check that you may create buckets in project {Project.GcpProject} (roles/storage.admin) and that billing is enabled.";
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.CreateBucket(bucket, Project.GcpProject, Project.Region), $"creating the state bucket gs://{bucket}")
        {
            Remedy = remedy,
        });
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["managed-by"] = "mx", ["project"] = Project.ProjectName };
        _runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.VersionAndLabelBucket(bucket, Project.GcpProject, labels), $"turning on versioning of gs://{bucket}")
        {
            Remedy = remedy,
        });
    }

    private static bool IsNotFound(ToolResult result) =>
        result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase) || result.StandardError.Contains("404", StringComparison.Ordinal);

    private ToolResult Pulumi(StackProgram program, IReadOnlyList<string> arguments, string doing) =>
        _runner.RunChecked(PulumiInvocation(program, arguments, doing));

    private ToolInvocation PulumiInvocation(StackProgram program, IReadOnlyList<string> arguments, string doing) =>
        new(Tool.Pulumi, arguments, doing)
        {
            WorkingDirectory = program.Directory,
            Environment = PulumiEnvironment.For(Project.Backend),
        };

    private static IReadOnlyDictionary<string, string> WithoutProgram(IReadOnlyDictionary<string, string> outputs, StackProgram program) =>
        new SortedDictionary<string, string>(outputs.Where(o => !o.Key.StartsWith(program.Name + ".", StringComparison.Ordinal)).ToDictionary(), StringComparer.Ordinal);

    private void SaveState(Func<ProjectState, ProjectState> change) =>
        StateFile.Save(Project.Root, change(StateFile.Load(Project.Root) ?? Project.State));
}
