using System.Text;
using DiffPlex;

namespace Mx.Generators.Internal;

/// <summary>
/// A line-based three-way merge, as <c>git merge-file</c> does it: the changes each side made to the base are
/// both applied where they touch different lines. Where both sides changed the same or adjacent lines
/// differently, the result holds both versions between git-style conflict markers.
/// </summary>
internal static class ThreeWayMerge
{
    public sealed record Result(string Text, bool Clean);

    // One side's replacement of base lines [BaseStart, BaseEnd) with its own lines [SideStart, SideEnd).
    private readonly record struct Hunk(int BaseStart, int BaseEnd, int SideStart, int SideEnd, bool Ours);

    public static Result Merge(string baseText, string ours, string theirs, string oursLabel, string theirsLabel)
    {
        if (ours == theirs) return new Result(ours, true);
        if (ours == baseText) return new Result(theirs, true);
        if (theirs == baseText) return new Result(ours, true);

        var baseLines = Lines(baseText);
        var oursLines = Lines(ours);
        var theirsLines = Lines(theirs);
        var hunks = Hunks(baseText, ours, true).Concat(Hunks(baseText, theirs, false))
            .OrderBy(h => h.BaseStart).ThenBy(h => h.BaseEnd).ToList();

        var output = new StringBuilder(Math.Max(ours.Length, theirs.Length));
        var clean = true;
        var position = 0;
        var index = 0;
        while (index < hunks.Count)
        {
            // Hunks that overlap or touch form one region: changes to adjacent lines are not merged silently.
            var start = hunks[index].BaseStart;
            var end = hunks[index].BaseEnd;
            var group = new List<Hunk> { hunks[index++] };
            while (index < hunks.Count && hunks[index].BaseStart <= end)
            {
                end = Math.Max(end, hunks[index].BaseEnd);
                group.Add(hunks[index++]);
            }
            AppendLines(output, baseLines, position, start);
            position = end;

            var oursHunks = group.Where(h => h.Ours).ToList();
            var theirsHunks = group.Where(h => !h.Ours).ToList();
            var oursText = SideText(baseLines, oursLines, oursHunks, start, end);
            var theirsText = SideText(baseLines, theirsLines, theirsHunks, start, end);
            if (theirsHunks.Count == 0 || oursText == theirsText) output.Append(oursText);
            else if (oursHunks.Count == 0) output.Append(theirsText);
            else
            {
                clean = false;
                output.Append("<<<<<<< ").Append(oursLabel).Append('\n');
                AppendTerminated(output, oursText);
                output.Append("=======\n");
                AppendTerminated(output, theirsText);
                output.Append(">>>>>>> ").Append(theirsLabel).Append('\n');
            }
        }
        AppendLines(output, baseLines, position, baseLines.Length);
        return new Result(output.ToString(), clean);
    }

    /// <summary>
    /// Whether <paramref name="result"/>, made from <paramref name="changed"/>, still has every line that
    /// <paramref name="changed"/> added to or changed in <paramref name="baseText"/>.
    /// </summary>
    public static bool KeepsChanges(string baseText, string changed, string result)
    {
        var ownLines = Hunks(baseText, changed, true).Where(h => h.SideEnd > h.SideStart).ToArray();
        // A line the result only indents differently is kept: a YAML writer moves a trailing comment to column 0.
        return Hunks(changed, result, false, ignoreWhiteSpace: true).Where(h => h.BaseEnd > h.BaseStart)
            .All(removed => ownLines.All(own => removed.BaseEnd <= own.SideStart || own.SideEnd <= removed.BaseStart));
    }

    /// <summary>Both whole files as one conflict: what a merge without a common base can offer.</summary>
    public static string TwoWay(string ours, string theirs, string oursLabel, string theirsLabel)
    {
        var output = new StringBuilder().Append("<<<<<<< ").Append(oursLabel).Append('\n');
        AppendTerminated(output, ours);
        output.Append("=======\n");
        AppendTerminated(output, theirs);
        return output.Append(">>>>>>> ").Append(theirsLabel).Append('\n').ToString();
    }

    // What one side made of base lines [start, end): its hunks in that range, base lines between them.
    private static string SideText(string[] baseLines, string[] sideLines, List<Hunk> hunks, int start, int end)
    {
        var text = new StringBuilder();
        var position = start;
        foreach (var hunk in hunks)
        {
            AppendLines(text, baseLines, position, hunk.BaseStart);
            AppendLines(text, sideLines, hunk.SideStart, hunk.SideEnd);
            position = hunk.BaseEnd;
        }
        AppendLines(text, baseLines, position, end);
        return text.ToString();
    }

    private static IEnumerable<Hunk> Hunks(string baseText, string side, bool ours, bool ignoreWhiteSpace = false) =>
        Differ.Instance.CreateDiffs(baseText, side, ignoreWhiteSpace, false, LineChunker).DiffBlocks.Select(block => new Hunk(
            block.DeleteStartA, block.DeleteStartA + block.DeleteCountA,
            block.InsertStartB, block.InsertStartB + block.InsertCountB, ours));

    private static readonly IChunker LineChunker = new TerminatedLines();

    private sealed class TerminatedLines : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => Lines(text);
    }

    // Lines keep their terminators, so joining them gives back the exact text, a missing final newline included.
    private static string[] Lines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return [.. lines];
    }

    private static void AppendLines(StringBuilder output, string[] lines, int from, int to)
    {
        for (var i = from; i < to; i++) output.Append(lines[i]);
    }

    private static void AppendTerminated(StringBuilder output, string text)
    {
        output.Append(text);
        if (text.Length > 0 && text[^1] != '\n') output.Append('\n');
    }
}
