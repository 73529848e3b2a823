using System.Text.Json;
using Mx.Generators;
using Mx.Generators.BuiltIn.Reaper;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Reaper;

/// <summary>
/// <c>mx reaper log</c>: the idle reaper's action log, which it keeps as JSON lines in the ConfigMap
/// <c>idle-reaper-log</c> of the training namespace, read with kubectl through the project's kube context.
/// </summary>
public sealed class ReaperLog
{
    private const string Namespace = IdleReaper.HomeNamespace;

    private readonly InfraProject _project;
    private readonly ToolRunner _runner;

    internal ReaperLog(InfraProject project, ToolRunner runner) => (_project, _runner) = (project, runner);

    public static ReaperLog For(string workingDirectory) => new(InfraProject.Load(workingDirectory, null, null), ToolRunner.Default);

    /// <summary>The entries, oldest first, and how many lines of the log could not be read.</summary>
    public (IReadOnlyList<ReaperLogEntry> Entries, int Unreadable) Read()
    {
        if (!_project.State.HasApplied(IdleReaper.GeneratorName))
            throw new MxException("This project has no idle reaper. Add it with 'mx generate IdleReaper', then 'mx deploy idle-reaper'.");
        var invocation = new ToolInvocation(Tool.Kubectl, KubectlArguments.GetJson(ClusterConnection.ContextName(_project), Namespace, "configmap", IdleReaper.LogConfigMap),
            "reading the idle reaper's log")
        {
            Remedy = "Check that 'mx connect' was run and that the cluster is up ('mx up').",
        };
        var result = _runner.Run(invocation);
        // The reaper creates its log the first time it acts.
        if (result.ExitCode != 0 && result.StandardError.Contains("(NotFound)", StringComparison.Ordinal))
            return ([], 0);
        ToolFailures.ThrowUnlessSucceeded(invocation, result);
        return Parse(result.StandardOutput);
    }

    internal static (IReadOnlyList<ReaperLogEntry> Entries, int Unreadable) Parse(string configMapJson)
    {
        using var document = JsonDocument.Parse(configMapJson);
        if (!document.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty(IdleReaper.LogKey, out var log) || log.ValueKind != JsonValueKind.String)
            return ([], 0);
        var entries = new List<ReaperLogEntry>();
        var unreadable = 0;
        foreach (var line in log.GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Entry(line) is { } entry) entries.Add(entry);
            else unreadable++;
        }
        return (entries, unreadable);
    }

    private static ReaperLogEntry? Entry(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            string Text(string name) => e.GetProperty(name).GetString() ?? throw new FormatException(name);
            return new ReaperLogEntry(
                DateTimeOffset.Parse(Text("time"), System.Globalization.CultureInfo.InvariantCulture),
                Text("action"),
                e.GetProperty("dry_run").GetBoolean(),
                Text("kind"),
                Text("namespace"),
                Text("name"),
                e.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.String ? owner.GetString() : null,
                e.GetProperty("idle_work_hours").GetInt32(),
                Text("reason"),
                Text("outcome"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
