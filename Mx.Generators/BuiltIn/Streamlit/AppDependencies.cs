namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// The optional dependency group <c>app</c> of pyproject.toml, which pins streamlit for the apps and which their image
/// stages install. pyproject.toml is the skeleton's; this edit adds the group once and leaves it to the user after
/// that (a group of that name already there is theirs).
/// </summary>
internal static class AppDependencies
{
    public const string Path = "pyproject.toml";
    private const string Table = "[project.optional-dependencies]";

    public static FileEdit Edit(string package) =>
        new(Path, $"add the optional dependency group '{StreamlitApps.DependencyGroup}' (streamlit {StreamlitApps.StreamlitVersion})", text => Apply(text, package));

    internal static string Apply(string text, string package)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        string[] group =
        [
            $"# `pip install '.[{StreamlitApps.DependencyGroup}]'`: the Streamlit apps in src/{package}/apps (mx generate StreamlitApp); their images install it.",
            $"{StreamlitApps.DependencyGroup} = [",
            $"    \"streamlit=={StreamlitApps.StreamlitVersion}\",",
            "]",
        ];
        var header = lines.FindIndex(l => l.Trim() == Table);
        if (header < 0)
        {
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            lines.AddRange(["", Table, .. group, ""]);
            return string.Join('\n', lines);
        }
        var next = lines.FindIndex(header + 1, l => l.StartsWith('['));
        if (next < 0) next = lines.Count;
        for (var i = header + 1; i < next; i++)
        {
            var key = lines[i].Split('=', 2)[0].Trim().Trim('"', '\'');
            if (lines[i].Contains('=', StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#') && key == StreamlitApps.DependencyGroup) return text;
        }
        // After the table's last entry, before the comments and blank lines that introduce the next table.
        var last = next - 1;
        while (last > header && (lines[last].Trim().Length == 0 || lines[last].TrimStart().StartsWith('#'))) last--;
        lines.InsertRange(last + 1, group);
        return string.Join('\n', lines);
    }
}
