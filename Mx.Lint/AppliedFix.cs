namespace Mx.Lint;

/// <summary>A safe fix <c>mx lint --fix</c> made.</summary>
public sealed record AppliedFix(string Path, int Line, string RuleId, string Description);
