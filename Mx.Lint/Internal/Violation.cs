namespace Mx.Lint.Internal;

/// <summary>What a rule reports before the engine adds the path, rule id, severity and fingerprint.</summary>
internal sealed record Violation(int Line, int Column, string Message, SafeFix? Fix = null, string? Path = null);
