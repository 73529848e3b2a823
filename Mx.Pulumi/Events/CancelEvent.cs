namespace Mx.Pulumi.Events;

/// <summary>
/// The last event of every stream: pulumi emits it when an operation completes as well as when it was
/// cancelled, so it says nothing about success on its own.
/// </summary>
public sealed record CancelEvent(int Sequence, long Timestamp) : EngineEvent(Sequence, Timestamp);
