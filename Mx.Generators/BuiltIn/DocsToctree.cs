namespace Mx.Generators.BuiltIn;

/// <summary>
/// Adds a page to the table of contents of the skeleton's docs/index.md, before the API reference: Sphinx warns
/// about a page no toctree lists, and mx docs build fails on warnings. The pages generators add stand in name order,
/// so the index is the same whatever order the generators were applied in.
/// </summary>
internal static class DocsToctree
{
    public const string Index = "docs/index.md";

    /// <summary>DeploymentInfrastructure's page: how to reach the apps, from a browser and from a program.</summary>
    public const string Apps = "apps";

    /// <summary>The pipeline's page (CloudBuild, GitHubActions).</summary>
    public const string Ci = "ci";

    /// <summary>LabelingTool's page.</summary>
    public const string Labeling = "labeling";

    private static readonly string[] GeneratorPages = [Apps, Ci, Labeling];

    public static FileEdit Edit(string page) => new(Index, $"list {page} in the docs' table of contents", text => Apply(text, page));

    private static string Apply(string text, string page)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        var start = lines.FindIndex(l => l.TrimStart().StartsWith("```{toctree}", StringComparison.Ordinal));
        var end = start < 0 ? -1 : lines.FindIndex(start + 1, l => l.Trim() == "```");
        if (end < 0)
            throw new MxException($"{Index} has no ```{{toctree}} block, so mx cannot list docs/{page}.md in it. Add one listing your pages " +
                                  "(or restore the file with 'mx generate MLProjectSkeleton') and run the command again.");
        if (lines.Skip(start + 1).Take(end - start - 1).Any(l => l.Trim() == page)) return text;
        var api = lines.FindIndex(start + 1, end - start - 1, l => l.Trim() == "api");
        var at = api >= 0 ? api : end;
        while (at > start + 1 && lines[at - 1].Trim() is var before && GeneratorPages.Contains(before) && string.CompareOrdinal(before, page) > 0) at--;
        lines.Insert(at, page);
        return string.Join(newline, lines);
    }
}
