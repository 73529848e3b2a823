namespace Mx.Pulumi.Events;

/// <summary>A step on a resource failed (<c>resOpFailedEvent</c>); a diagnostic with the cause usually comes just before.</summary>
public sealed record ResourceOperationFailedEvent(int Sequence, long Timestamp, StepMetadata Metadata, int Status, int Steps) : EngineEvent(Sequence, Timestamp);
