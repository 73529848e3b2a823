namespace Mx.Pulumi.Events;

/// <summary>
/// One line of pulumi's <c>--json</c> event stream (<c>apitype.EngineEvent</c>): a sequence number, a Unix
/// timestamp in seconds, and one kind of payload. Consumers pattern-match on the subtypes.
/// </summary>
public abstract record EngineEvent(int Sequence, long Timestamp);
