namespace Mx.Pulumi.Events;

/// <summary>
/// What the engine does to one resource (<c>StepEventMetadata</c>): the operation (<c>create</c>, <c>update</c>,
/// <c>replace</c>, <c>delete</c>, <c>same</c>, ...), the resource's URN and type, the properties that changed and
/// those that force a replacement.
/// </summary>
public sealed record StepMetadata(string Op, string Urn, string Type, IReadOnlyList<string> Diffs, IReadOnlyList<string> ReplaceKeys, bool Logical)
{
    /// <summary>The resource's name in the program: the last part of its URN.</summary>
    public string Name => Urn.LastIndexOf("::", StringComparison.Ordinal) is var i and >= 0 ? Urn[(i + 2)..] : Urn;
}
