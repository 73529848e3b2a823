namespace Mx.Generators;

/// <summary>Asks the user what to do with one conflicting file; the CLI implements it on a terminal.</summary>
internal interface IConflictPrompter
{
    /// <returns>The decision, or null to quit with nothing written.</returns>
    ConflictResolution? Decide(FileChange conflict);
}
