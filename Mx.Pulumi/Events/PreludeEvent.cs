namespace Mx.Pulumi.Events;

/// <summary>The start of an operation, with the stack configuration it runs with (secrets blinded).</summary>
public sealed record PreludeEvent(int Sequence, long Timestamp, IReadOnlyDictionary<string, string> Config) : EngineEvent(Sequence, Timestamp);
