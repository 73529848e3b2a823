using System.Text;
using DiffPlex;
using DiffPlex.Model;

namespace Mx.Generators;

/// <summary>A unified diff (as <c>diff -u</c> prints it) of two texts, for dry runs, conflicts and golden tests.</summary>
internal static class UnifiedDiff
{
    public static string Create(string oldText, string newText, string oldName, string newName, int context = 3)
    {
        if (oldText == newText) return "";
        var diff = Differ.Instance.CreateLineDiffs(oldText, newText, false);
        var output = new StringBuilder().Append("--- ").Append(oldName).Append('\n').Append("+++ ").Append(newName).Append('\n');
        foreach (var hunk in Hunks(diff.DiffBlocks, context))
            AppendHunk(output, diff, hunk, context);
        return output.ToString();
    }

    // Blocks closer than twice the context share one hunk, as in diff -u.
    private static IEnumerable<List<DiffBlock>> Hunks(IList<DiffBlock> blocks, int context)
    {
        var hunk = new List<DiffBlock>();
        foreach (var block in blocks)
        {
            if (hunk.Count > 0)
            {
                var last = hunk[^1];
                if (block.DeleteStartA - (last.DeleteStartA + last.DeleteCountA) > 2 * context)
                {
                    yield return hunk;
                    hunk = [];
                }
            }
            hunk.Add(block);
        }
        if (hunk.Count > 0) yield return hunk;
    }

    private static void AppendHunk(StringBuilder output, DiffResult diff, List<DiffBlock> hunk, int context)
    {
        var (first, last) = (hunk[0], hunk[^1]);
        var oldStart = Math.Max(0, first.DeleteStartA - context);
        var newStart = Math.Max(0, first.InsertStartB - context);
        var oldEnd = Math.Min(diff.PiecesOld.Count, last.DeleteStartA + last.DeleteCountA + context);
        var newEnd = Math.Min(diff.PiecesNew.Count, last.InsertStartB + last.InsertCountB + context);
        output.Append($"@@ -{Range(oldStart, oldEnd - oldStart)} +{Range(newStart, newEnd - newStart)} @@\n");

        var oldLine = oldStart;
        foreach (var block in hunk)
        {
            for (; oldLine < block.DeleteStartA; oldLine++) output.Append(' ').Append(diff.PiecesOld[oldLine]).Append('\n');
            for (var i = 0; i < block.DeleteCountA; i++) output.Append('-').Append(diff.PiecesOld[block.DeleteStartA + i]).Append('\n');
            for (var i = 0; i < block.InsertCountB; i++) output.Append('+').Append(diff.PiecesNew[block.InsertStartB + i]).Append('\n');
            oldLine = block.DeleteStartA + block.DeleteCountA;
        }
        for (; oldLine < oldEnd; oldLine++) output.Append(' ').Append(diff.PiecesOld[oldLine]).Append('\n');
    }

    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";
}
