namespace Mx.Lint.Internal.Python;

/// <summary>The seam to external tools: tests replace it with recorded output.</summary>
internal interface IToolRunner
{
    /// <summary>The full path of an executable on PATH, or null.</summary>
    string? Find(string name);

    ToolResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory);
}

internal sealed record ToolResult(int ExitCode, string Output, string Error);
