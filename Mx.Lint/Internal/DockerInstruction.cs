namespace Mx.Lint.Internal;

/// <summary>One Dockerfile instruction with its continuation lines joined; <see cref="Stage"/> counts FROMs from 0.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line, int EndLine, int Stage)
{
    public static IReadOnlyList<DockerInstruction> Parse(IReadOnlyList<string> lines)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var first = lines[i].Trim();
            if (first.Length == 0 || first.StartsWith('#')) continue;
            var start = i;
            var text = new System.Text.StringBuilder();
            var line = first;
            while (true)
            {
                var continued = line.EndsWith('\\');
                text.Append(continued ? line[..^1] : line).Append(' ');
                if (!continued || i + 1 >= lines.Count) break;
                // Comment lines inside a continued instruction are dropped by Docker, not ends of it.
                do { i++; } while (i + 1 < lines.Count && lines[i].TrimStart().StartsWith('#'));
                line = lines[i].Trim();
            }
            var joined = text.ToString().Trim();
            var space = joined.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? joined : joined[..space]).ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new DockerInstruction(keyword, space < 0 ? "" : joined[(space + 1)..].Trim(), start + 1, i + 1, Math.Max(stage, 0)));
        }
        return instructions;
    }
}
