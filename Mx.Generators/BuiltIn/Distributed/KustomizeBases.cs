namespace Mx.Generators.BuiltIn.Distributed;

/// <summary>
/// The commit each release tag of a remote kustomize base is, from <c>Data/kustomize-bases.txt</c>, so that a
/// generated kustomization names a base by an immutable commit while its comment still names the release.
/// </summary>
internal static class KustomizeBases
{
    private const string Resource = "data/kustomize-bases.txt";

    private static readonly Dictionary<(string Repository, string Tag), string> Commits = Load();

    /// <summary>The 40-hex commit of <paramref name="tag"/> in <paramref name="repository"/>.</summary>
    public static string Commit(string repository, string tag) =>
        Commits.TryGetValue((repository, tag), out var commit) ? commit
            : throw new InvalidOperationException($"{Resource} has no commit for {repository} {tag}");

    private static Dictionary<(string, string), string> Load()
    {
        using var stream = typeof(KustomizeBases).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        var commits = new Dictionary<(string, string), string>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.Split('|', StringSplitOptions.TrimEntries) is not ["base", var repository, var tag, var commit])
                throw new InvalidOperationException($"{Resource}({number}): expected 'base | repository | tag | commit'");
            if (commit.Length != 40 || !commit.All(Uri.IsHexDigit))
                throw new InvalidOperationException($"{Resource}({number}): '{commit}' is not a 40-hex commit");
            commits[(repository, tag)] = commit;
        }
        return commits;
    }
}
