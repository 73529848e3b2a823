using Mx.Lint.Internal.Python;

namespace Mx.Tests.Lint;

/// <summary>Impersonates flake8 and black with output recorded from the real tools (Fixtures/recorded-tools).</summary>
internal sealed class RecordedTools(string flake8Output, string blackError) : IToolRunner
{
    public static RecordedTools ForBadProject()
    {
        var recorded = Path.Combine(Support.Repository.Root, "Mx.Tests", "Fixtures", "recorded-tools");
        return new RecordedTools(File.ReadAllText(Path.Combine(recorded, "flake8.stdout")), File.ReadAllText(Path.Combine(recorded, "black.stderr")));
    }

    public List<(string Tool, IReadOnlyList<string> Arguments)> Calls { get; } = [];

    public string? Find(string name) => name is "flake8" or "black" ? "/recorded/" + name : null;

    public ToolResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var tool = Path.GetFileName(executable);
        lock (Calls) Calls.Add((tool, arguments));
        return tool == "flake8" ? new ToolResult(1, flake8Output, "") : new ToolResult(1, "", blackError);
    }
}
