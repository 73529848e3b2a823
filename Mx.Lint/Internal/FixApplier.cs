using System.Text;

namespace Mx.Lint.Internal;

/// <summary>Writes safe fixes into files: edits go bottom-up so line numbers stay valid, at most one per line.</summary>
internal static class FixApplier
{
    public static List<AppliedFix> Apply(string root, IEnumerable<(Finding Finding, SafeFix Fix)> fixes)
    {
        var applied = new List<AppliedFix>();
        foreach (var group in fixes.GroupBy(f => f.Finding.Path, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var full = Path.Combine(root, group.Key);
            var lines = File.ReadAllText(full).Split('\n').ToList();
            var done = new List<AppliedFix>();
            foreach (var (finding, fix) in group.OrderByDescending(f => f.Fix.Line).DistinctBy(f => f.Fix.Line))
            {
                if (fix.Line < 1 || fix.Line > lines.Count) continue;
                var crlf = lines[fix.Line - 1].EndsWith('\r');
                if (fix.Replacement is null)
                    lines.RemoveAt(fix.Line - 1);
                else
                    lines[fix.Line - 1] = string.Join(crlf ? "\r\n" : "\n", fix.Replacement.Split('\n')) + (crlf ? "\r" : "");
                done.Add(new AppliedFix(group.Key, fix.Line, finding.RuleId, fix.Description));
            }
            File.WriteAllText(full, string.Join('\n', lines), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            applied.AddRange(done.OrderBy(d => d.Line));
        }
        return applied;
    }
}
