namespace Mx.Pulumi.Events;

/// <summary>The end of an operation: how many resources each operation touched, and how long it took.</summary>
public sealed record SummaryEvent(int Sequence, long Timestamp, IReadOnlyDictionary<string, int> ResourceChanges, int DurationSeconds, bool MaybeCorrupt, bool IsPreview)
    : EngineEvent(Sequence, Timestamp)
{
    public int Count(string op) => ResourceChanges.TryGetValue(op, out var n) ? n : 0;

    /// <summary>True when nothing but unchanged resources were seen.</summary>
    public bool NoChanges => ResourceChanges.All(c => c.Key == ResourceOperations.Same || c.Value == 0);
}
