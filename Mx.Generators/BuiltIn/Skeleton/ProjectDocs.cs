namespace Mx.Generators.BuiltIn.Skeleton;

/// <summary>
/// Where a generated project's Sphinx docs live and what builds them, in one place for the skeleton's templates
/// (docs/, pyproject's docs extra), mx docs and the CI generators.
/// </summary>
internal static class ProjectDocs
{
    public const string SourceDirectory = "docs";

    public const string OutputDirectory = "docs/_build/html";

    // The oldest releases the pages are written for: Debian 12's python3-sphinx and python3-myst-parser, so the
    // distribution's packages build them as well as pip's newest.
    public const string SphinxVersion = "5.3";

    public const string MystParserVersion = "0.18";

    /// <summary>pip's requirement specifiers of the docs extra, for an environment that has only the project's dependencies.</summary>
    public static IReadOnlyList<string> Requirements => [$"sphinx>={SphinxVersion}", $"myst-parser>={MystParserVersion}"];

    /// <summary>
    /// The arguments after <c>python -m sphinx</c>: HTML, every warning an error, but all of them reported
    /// (--keep-going) rather than only the first.
    /// </summary>
    public static IReadOnlyList<string> SphinxArguments => ["-W", "--keep-going", "-b", "html", SourceDirectory, OutputDirectory];
}
