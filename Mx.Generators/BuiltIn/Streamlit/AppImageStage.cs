using System.Text;

namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// The Dockerfile stage of an app's image, as a structured edit of the skeleton's Dockerfile: the project's stage gets
/// a name (<c>project</c>), each app a marked stage <c>FROM project</c>, and a last stage <c>FROM project</c> keeps the
/// training image the default target, so <c>docker build .</c>, <c>mx run</c> and CI build what they built before.
/// </summary>
internal static class AppImageStage
{
    public const string Path = "Dockerfile";
    public const string ProjectStage = "project";

    private const string DefaultBegin = "# >>> mx: the training image stays the default target";
    private const string DefaultEnd = "# <<< mx: default target";

    public static FileEdit Edit(string package, string name) =>
        new(Path, $"add the image stage {StreamlitApps.Stage(name)} of app '{name}'", dockerfile => Apply(dockerfile, package, name));

    internal static string Apply(string dockerfile, string package, string name)
    {
        var lines = dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n').ToList();
        var baseStage = NameProjectStage(lines);
        var user = ProjectUser(lines);
        RemoveBlock(lines, DefaultBegin, DefaultEnd);
        var (begin, end) = (Begin(name), End(name));
        var at = RemoveBlock(lines, begin, end);
        var block = Block(package, name, baseStage, begin, end);
        // Stages are in name order wherever they were added from, so a render from scratch (mx update) equals the file.
        if (at < 0 && lines.FindIndex(l => l.StartsWith(BeginPrefix, StringComparison.Ordinal)
                                           && string.CompareOrdinal(l[BeginPrefix.Length..], name) > 0) is var next and >= 0)
        {
            lines.InsertRange(next, [.. block, ""]);
        }
        else if (at < 0)
        {
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            lines.Add("");
            lines.AddRange(block);
        }
        else lines.InsertRange(at, block);
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        lines.Add("");
        lines.AddRange([DefaultBegin, $"# (the last stage is what a build without --target produces; the app stages above are built by 'mx app deploy').", $"FROM {baseStage}", .. user is null ? Array.Empty<string>() : [user], DefaultEnd]);
        return string.Join('\n', lines) + "\n";
    }

    private const string BeginPrefix = "# >>> mx StreamlitApp ";

    private static string Begin(string name) => BeginPrefix + name;

    private static string End(string name) => $"# <<< mx StreamlitApp {name}";

    private static IEnumerable<string> Block(string package, string name, string baseStage, string begin, string end)
    {
        var script = $"src/{package}/apps/{name.Replace('-', '_')}.py";
        var target = $"apps/{name.Replace('-', '_')}.py";
        return new StringBuilder()
            .AppendLine(begin)
            .AppendLine($"# The image of the Streamlit app {name} ({script}):")
            .AppendLine($"# the project's image plus the optional dependencies [{StreamlitApps.DependencyGroup}] of pyproject.toml, read from the file so")
            .AppendLine($"# the pin lives in one place. 'mx app deploy {name}' builds it with --target {StreamlitApps.Stage(name)}; it runs as the")
            .AppendLine("# project's unprivileged user.")
            .AppendLine($"FROM {baseStage} AS {StreamlitApps.Stage(name)}")
            .AppendLine("USER 0:0")
            .AppendLine($"RUN python -c \"import tomllib; [print(r) for r in tomllib.load(open('pyproject.toml', 'rb'))['project']['optional-dependencies']['{StreamlitApps.DependencyGroup}']]\" > /tmp/app-requirements.txt \\")
            .AppendLine("    && python -m pip install --requirement /tmp/app-requirements.txt \\")
            .AppendLine("    && rm /tmp/app-requirements.txt")
            .AppendLine($"COPY {script} ./{target}")
            .AppendLine("USER 10001:10001")
            .AppendLine($"EXPOSE {StreamlitApps.Port}")
            // Headless: no first-run e-mail prompt. No file watcher: the code in an image never changes.
            .AppendLine($"CMD [\"python\", \"-m\", \"streamlit\", \"run\", \"{target}\", \"--server.address=0.0.0.0\", \"--server.port={StreamlitApps.Port}\", " +
                        "\"--server.headless=true\", \"--server.fileWatcherType=none\", \"--browser.gatherUsageStats=false\"]")
            .Append(end)
            .ToString().Split('\n');
    }

    // The first FROM names the stage the apps build on; one without a name is given 'project'.
    private static string NameProjectStage(List<string> lines)
    {
        var index = lines.FindIndex(l => l.TrimStart().StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new MxException($"{Path} has no FROM line, so mx cannot build the app's image on the project's. Restore it with " +
                                  "'git checkout -- Dockerfile' (or 'mx update MLProjectSkeleton') and run the command again.");
        var words = lines[index].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var asIndex = Array.FindIndex(words, w => w.Equals("AS", StringComparison.OrdinalIgnoreCase));
        if (asIndex > 0 && asIndex + 1 < words.Length) return words[asIndex + 1];
        lines[index] = lines[index].TrimEnd() + $" AS {ProjectStage}";
        return ProjectStage;
    }

    // The user the project's stage runs as, which its last stage repeats so that no stage of the file ends as root.
    private static string? ProjectUser(List<string> lines)
    {
        var firstBlock = lines.FindIndex(l => l.StartsWith("# >>> mx", StringComparison.Ordinal));
        var projectLines = firstBlock < 0 ? lines : lines.Take(firstBlock);
        return projectLines.LastOrDefault(l => l.StartsWith("USER ", StringComparison.OrdinalIgnoreCase))?.Trim();
    }

    // Removes the lines from begin to end marker; returns where they were, or -1.
    private static int RemoveBlock(List<string> lines, string begin, string end)
    {
        var start = lines.IndexOf(begin);
        if (start < 0) return -1;
        var stop = lines.IndexOf(end, start);
        if (stop < 0)
            throw new MxException($"{Path} has the line '{begin}' without its closing '{end}'; restore the stage (or remove both lines) and run the command again.");
        lines.RemoveRange(start, stop - start + 1);
        return start;
    }
}
