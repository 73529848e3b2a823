namespace Mx.Pulumi.Events;

/// <summary>
/// A message from the engine, a provider or the program. <see cref="Severity"/> is <c>debug</c>, <c>info</c>,
/// <c>info#err</c>, <c>warning</c> or <c>error</c>; <see cref="Urn"/> names the resource it is about, if any.
/// </summary>
public sealed record DiagnosticEvent(int Sequence, long Timestamp, string Severity, string Message, string? Urn, bool Ephemeral) : EngineEvent(Sequence, Timestamp)
{
    public bool IsError => Severity == "error";
    public bool IsWarning => Severity == "warning";
}
