namespace Mx.Generators;

/// <summary>
/// One <c>mx destroy GENERATOR</c>: remove the files the generator created that the user never changed, revert its
/// structured edits, and drop it from state. Edited files are conflicts, decided like any other.
/// </summary>
internal sealed record DestroyRequest(string Generator, string WorkingDirectory)
{
    public bool DryRun { get; init; }
    public bool Force { get; init; }
    public ConflictResolution? Conflicts { get; init; }
}
