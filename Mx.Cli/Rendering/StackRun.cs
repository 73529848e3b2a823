using Mx.Cli.Commands;
using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Events;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>
/// One stack command's run: holds the project lock, catches Ctrl+C while pulumi works, prints progress (or
/// stays quiet for <c>--json</c>), and prints the summary table at the end.
/// </summary>
internal sealed class StackRun : IDisposable
{
    private readonly CommandContext _context;
    private readonly ProjectLock _lock;
    private readonly bool _json;
    private readonly List<OperationOutcome> _outcomes = [];

    public StackRun(CommandContext context, InfraProject project, bool json)
    {
        _context = context;
        _json = json;
        _lock = ProjectLock.Acquire(project.Root);
        Workflow = new InfraWorkflow(project, Say);
        Interruption.Received += () => Say("Interrupt received: pulumi is finishing the steps under way and will stop (press Ctrl+C again to kill it).");
    }

    public InfraWorkflow Workflow { get; }
    public InfraProject Project => Workflow.Project;
    public Interruption Interruption { get; } = new();
    public IReadOnlyList<OperationOutcome> Outcomes => _outcomes;

    public void Say(string message)
    {
        if (!_json) _context.Console.MarkupLineInterpolated($"[bold]{message}[/]");
    }

    /// <summary>Runs one operation on one program with live progress, and returns what pulumi reported.</summary>
    public OperationOutcome Run(StackProgram program, string verb, Func<Action<EngineEvent>, Task<OperationOutcome>> operation, bool callOutReplacements = false)
    {
        // Ctrl+C during the preparation steps (stack selection, config) is honoured before anything changes.
        if (Interruption.Requested)
            throw new MxException($"Interrupted before {verb.ToLowerInvariant()} the {program.Name} stack; nothing was changed by it.", ExitCode.Interrupted);
        Say($"{verb} the {program.Name} stack '{Project.Stack}' ({program.PulumiProject})");
        var progress = new StackProgress(_context.Console, program);
        var outcome = operation(e =>
        {
            if (!_json) progress.Print(e);
        }).GetAwaiter().GetResult();
        if (Interruption.Requested)
            throw new MxException($"Interrupted: pulumi stopped {verb.ToLowerInvariant()} the {program.Name} stack cleanly. Run the same command again to continue.",
                ExitCode.Interrupted);
        if (callOutReplacements && !_json) progress.PrintReplacements();
        _outcomes.Add(outcome);
        return outcome;
    }

    public void PrintSummary(string title)
    {
        if (_json || _outcomes.Count == 0) return;
        var table = new Table().Title(title).AddColumns("Stack", "Create", "Update", "Replace", "Delete", "Unchanged", "Time");
        foreach (var outcome in _outcomes)
        {
            var s = outcome.Summary;
            table.AddRow(
                Markup.Escape($"{outcome.Program.Name} ({outcome.Operation.ToString().ToLowerInvariant()})"),
                Count(s, ResourceOperations.Create), Count(s, ResourceOperations.Update), Count(s, ResourceOperations.Replace),
                Count(s, ResourceOperations.Delete), Count(s, ResourceOperations.Same),
                s is null ? "?" : StackProgress.Duration(s.DurationSeconds));
        }
        _context.Console.Write(table);
    }

    /// <summary>What a script reads after the run: per program the counts of pulumi's summary.</summary>
    public object Result(IReadOnlyDictionary<string, string>? outputs = null) => new
    {
        Project = Project.ProjectName,
        Project.Stack,
        Project.Backend,
        Programs = _outcomes.Select(o => new
        {
            o.Program.Name,
            Operation = o.Operation.ToString().ToLowerInvariant(),
            Changes = o.Summary?.ResourceChanges ?? new Dictionary<string, int>(),
            DurationSeconds = o.Summary?.DurationSeconds,
        }),
        Outputs = outputs,
    };

    private static string Count(SummaryEvent? summary, string op) => summary is null ? "?" : summary.Count(op).ToString();

    public void Dispose()
    {
        Interruption.Dispose();
        _lock.Dispose();
    }
}
