using Mx.Pulumi;
using Mx.Pulumi.Internal;

namespace Mx.Lint.Internal.Python;

/// <summary>
/// The Python tools run through mx's one process runner (<see cref="ToolRunner"/>): argument lists, never a shell
/// string, and no standard input, so none can prompt.
/// </summary>
internal sealed class ProcessToolRunner : IToolRunner
{
    // Colour codes would end up inside the output mx parses.
    private static readonly IReadOnlyDictionary<string, string> NoColor = new Dictionary<string, string>(StringComparer.Ordinal) { ["NO_COLOR"] = "1" };

    private readonly ToolRunner _runner;

    public ProcessToolRunner() : this(ToolRunner.Default)
    {
    }

    internal ProcessToolRunner(ToolRunner runner) => _runner = runner;

    public string? Find(string name) => _runner.Find(PythonTool(name));

    public ToolResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var result = _runner.Run(new ToolInvocation(PythonTool(executable), arguments, $"running {Path.GetFileName(executable)}")
        {
            WorkingDirectory = workingDirectory,
        });
        return new ToolResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    private static Tool PythonTool(string command) =>
        new(command, "Install ruff (pip install ruff), or flake8 and black (apt-get install flake8 black).") { Environment = NoColor };
}
