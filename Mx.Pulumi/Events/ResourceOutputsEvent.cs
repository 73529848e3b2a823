namespace Mx.Pulumi.Events;

/// <summary>A step on a resource finished (<c>resOutputsEvent</c>).</summary>
public sealed record ResourceOutputsEvent(int Sequence, long Timestamp, StepMetadata Metadata, bool Planning) : EngineEvent(Sequence, Timestamp);
