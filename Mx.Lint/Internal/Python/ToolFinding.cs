namespace Mx.Lint.Internal.Python;

/// <summary>One problem a Python tool reported, before it becomes an MX7101/MX7102 finding.</summary>
internal sealed record ToolFinding(string Path, int Line, int Column, string RuleId, string Message);
