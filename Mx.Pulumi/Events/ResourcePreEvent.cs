namespace Mx.Pulumi.Events;

/// <summary>The engine starts a step on a resource. <see cref="Planning"/> is set during a preview.</summary>
public sealed record ResourcePreEvent(int Sequence, long Timestamp, StepMetadata Metadata, bool Planning) : EngineEvent(Sequence, Timestamp);
