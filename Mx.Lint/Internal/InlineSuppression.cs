using System.Globalization;
using System.Text.RegularExpressions;

namespace Mx.Lint.Internal;

/// <summary>
/// A <c># mx-lint: disable=MX1101,MX1102 reason [until=2027-01-31]</c> comment. A trailing comment covers its
/// own line; a comment on a line of its own covers the next line that is not a comment; <c>disable-file=</c>
/// covers the whole file (<see cref="TargetLine"/> 0).
/// </summary>
internal sealed partial record InlineSuppression(int Line, int Column, int TargetLine, bool OwnLine, List<string> RuleIds, string Reason, string? Until, string? Problem)
{
    public bool Covers(Finding finding) =>
        (TargetLine == 0 || TargetLine == finding.Line) && RuleIds.Contains(finding.RuleId, StringComparer.OrdinalIgnoreCase);

    public bool IsExpired(DateOnly today) =>
        Until is { } until && DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date < today;

    public static List<InlineSuppression> In(LintFile file)
    {
        var found = new List<InlineSuppression>();
        if (!file.Text.Contains("mx-lint:", StringComparison.Ordinal)) return found;
        var lines = file.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var match = Comment().Match(lines[i]);
            if (!match.Success) continue;
            var ownLine = lines[i][..match.Index].Trim().Length == 0;
            var target = match.Groups["file"].Success ? 0 : ownLine ? NextCodeLine(lines, i) : i + 1;
            var ids = match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            var rest = match.Groups["rest"].Value;
            var until = UntilDate().Match(rest);
            var reason = (until.Success ? rest.Remove(until.Index, until.Length) : rest).Trim();
            string? problem = null;
            if (until.Success && !DateOnly.TryParseExact(until.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                problem = $"until={until.Groups[1].Value} is not a date in the form YYYY-MM-DD";
            var unknown = ids.Where(id => RuleCatalog.Find(id) is null).ToList();
            if (unknown.Count > 0) problem = $"names unknown rule{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}";
            if (reason.Length == 0) problem ??= "gives no reason";
            found.Add(new InlineSuppression(i + 1, match.Index + 1, target, ownLine, ids, reason, until.Success ? until.Groups[1].Value : null, problem));
        }
        return found;
    }

    private static int NextCodeLine(IReadOnlyList<string> lines, int index)
    {
        for (var j = index + 1; j < lines.Count; j++)
        {
            var text = lines[j].TrimStart();
            if (text.Length > 0 && !text.StartsWith('#')) return j + 1;
        }
        return index + 1;
    }

    [GeneratedRegex(@"#\s*mx-lint:\s*disable(?<file>-file)?=(?<ids>[A-Za-z0-9_,]+)(?:\s+(?<rest>.*))?$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"\[?\buntil=(\S+?)\]?(?=\s|$)")]
    private static partial Regex UntilDate();
}
