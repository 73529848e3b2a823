namespace Mx.Generators;

/// <summary>
/// One <c>mx update</c>: re-render the named generators (every applied one when none is named) with this mx's
/// templates and the answers in state, through the same three-way merge as <c>mx generate</c>.
/// </summary>
internal sealed record UpdateRequest(string WorkingDirectory)
{
    public IReadOnlyList<string> Generators { get; init; } = [];
    public bool DryRun { get; init; }
    public bool Force { get; init; }
    public ConflictResolution? Conflicts { get; init; }
}
