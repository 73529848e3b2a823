using Mx.Generators.BuiltIn.Skeleton;
using Mx.Generators;

namespace Mx.Lint.Internal;

/// <summary>What rules know about the project beyond the file they check.</summary>
internal sealed class LintContext(string root, LintConfig config, ProjectState? state, ProjectFacts facts, Func<string, string?> currentHash)
{
    public string Root => root;
    public LintConfig Config => config;

    /// <summary>The project's state, or null when there is none or it does not parse (MX6101 reports that).</summary>
    public ProjectState? State => state;

    public ProjectFacts Facts => facts;

    /// <summary>The content hash of a project-relative file as it is now, or null when it does not exist.</summary>
    public string? CurrentHash(string relativePath) => currentHash(relativePath);

    /// <summary>The Artifact Registry repository mx's project images live in, from the project's answers.</summary>
    public string? TrainingRegistry => state?.Answers is { } answers ? SkeletonAnswers.RegistryOf(answers) : null;
}
