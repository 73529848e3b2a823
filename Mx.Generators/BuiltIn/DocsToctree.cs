namespace Mx.Generators.BuiltIn;

/// <summary>
/// Adds a page to the table of contents of the skeleton's docs/index.md, before the API reference: Sphinx warns
/// about a page no toctree lists, and mx docs build fails on warnings.
/// </summary>
internal static class DocsToctree
{
    public const string Index = "docs/index.md";

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
        lines.Insert(api >= 0 ? api : end, page);
        return string.Join(newline, lines);
    }
}
