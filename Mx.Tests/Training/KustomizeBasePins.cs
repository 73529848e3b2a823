using System.Text.RegularExpressions;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// Checks a kustomization's remote bases against the tag-to-commit table in Mx.Generators/Data/kustomize-bases.txt
/// (read from the source tree, so the check does not go through the generator that uses the same table).
/// </summary>
public static partial class KustomizeBasePins
{
    public static Dictionary<(string Repository, string Tag), string> Load()
    {
        var table = new Dictionary<(string, string), string>();
        foreach (var line in File.ReadLines(Path.Combine(Repository.Root, "Mx.Generators", "Data", "kustomize-bases.txt")))
            if (line.Split('|', StringSplitOptions.TrimEntries) is ["base", var repository, var tag, var commit])
                table[(repository, tag)] = commit;
        return table;
    }

    /// <summary>
    /// What is wrong with each remote resource of the kustomization: every one must be
    /// <c>URL?ref=&lt;40-hex commit&gt; # &lt;tag&gt;</c> with that commit the table's for that tag.
    /// </summary>
    public static IReadOnlyList<string> Problems(string kustomization)
    {
        var table = Load();
        var problems = new List<string>();
        var resources = YamlJson.LoadAll(kustomization).Single()!["resources"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [];
        foreach (var resource in resources.Where(r => r.Contains("://", StringComparison.Ordinal)))
        {
            if (RemoteUrl().Match(resource) is not { Success: true } url) { problems.Add($"{resource} has no ?ref="); continue; }
            var (repository, commit) = (url.Groups["repo"].Value, url.Groups["ref"].Value);
            if (!Hex40().IsMatch(commit)) { problems.Add($"{resource}: '{commit}' is not a 40-hex commit"); continue; }
            var line = kustomization.Split('\n').FirstOrDefault(l => l.Contains(resource, StringComparison.Ordinal)) ?? "";
            if (TagComment().Match(line[(line.IndexOf(resource, StringComparison.Ordinal) + resource.Length)..]) is not { Success: true } comment)
            {
                problems.Add($"{resource} names no release tag in a '# <tag>' comment after it");
                continue;
            }
            var tag = comment.Groups["tag"].Value;
            var actual = table.Where(e => e.Key.Repository == repository && e.Value == commit).Select(e => e.Key.Tag).FirstOrDefault();
            if (actual != tag)
                problems.Add($"{resource}: commit {commit} is {actual ?? "no tag in the table"}, not {tag}");
        }
        return problems;
    }

    // kustomize's remote form: <repository>.git/<path>?ref=<ref>; the ".git" ends the repository URL.
    [GeneratedRegex(@"^(?<repo>https://[^?]+?\.git)(?:/[^?]*)?\?ref=(?<ref>[^&\s]+)$")]
    private static partial Regex RemoteUrl();

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Hex40();

    [GeneratedRegex(@"^\s+#\s*(?<tag>\S+)\s*$")]
    private static partial Regex TagComment();
}
