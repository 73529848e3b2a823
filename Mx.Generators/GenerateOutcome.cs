namespace Mx.Generators;

/// <summary>What a generate did, or (for a dry run or a conflict) would have done.</summary>
public sealed record GenerateOutcome(string Root, IGenerator Generator, IReadOnlyList<FileChange> Changes, bool Written)
{
    public IEnumerable<FileChange> Conflicts => Changes.Where(c => c.Kind == ChangeKind.Conflict);

    public bool ChangesNothing => Changes.All(c => c.Kind == ChangeKind.Unchanged);
}
