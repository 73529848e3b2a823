namespace Mx.Lint;

/// <summary>How much a finding matters. Only <see cref="Error"/> findings fail <c>mx lint</c> (exit code 1).</summary>
public enum Severity
{
    Error,
    Warning,
    Note,
}
