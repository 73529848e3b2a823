using System.Collections.Concurrent;
using Mx.Lint.Rules.Lint;

namespace Mx.Lint.Internal;

/// <summary>
/// Applies inline suppressions to findings and reports the suppressions themselves: without a reason or
/// naming unknown rules (MX9001), unused (MX9002, with a fix that removes the comment) and expired (MX9003).
/// </summary>
internal static class SuppressionChecker
{
    public static List<Finding> Apply(IEnumerable<Finding> findings, IReadOnlyDictionary<string, List<InlineSuppression>> suppressions,
        LintConfig config, DateOnly today, IReadOnlyDictionary<string, LintFile> files, ConcurrentBag<(Finding, SafeFix)>? fixes)
    {
        var used = new HashSet<InlineSuppression>(ReferenceEqualityComparer.Instance);
        var result = new List<Finding>();
        foreach (var finding in findings)
        {
            var suppression = suppressions.GetValueOrDefault(finding.Path)?
                .FirstOrDefault(s => s.Problem is null && !s.IsExpired(today) && s.Covers(finding));
            if (suppression is null) { result.Add(finding); continue; }
            used.Add(suppression);
            result.Add(finding with { Suppression = new Suppression(Suppression.InSource, suppression.Reason) });
        }

        foreach (var (path, list) in suppressions)
        {
            foreach (var s in list)
            {
                var (ruleId, message) =
                    s.Problem is { } problem ? (SuppressionReasonRule.RuleId, $"this suppression {problem}, so it suppresses nothing")
                    : s.IsExpired(today) ? (ExpiredSuppressionRule.RuleId, $"this suppression of {string.Join(", ", s.RuleIds)} expired on {s.Until}")
                    : !used.Contains(s) ? (UnusedSuppressionRule.RuleId, $"this suppression of {string.Join(", ", s.RuleIds)} suppresses nothing")
                    : default;
                if (ruleId is null) continue;
                var rule = RuleCatalog.Get(ruleId);
                if (!config.IsEnabled(rule)) continue;
                var finding = new Finding(rule.Id, config.SeverityOf(rule), path, s.Line, s.Column, message)
                {
                    Hint = rule.Hint,
                    Fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                        System.Text.Encoding.UTF8.GetBytes($"{rule.Id}\u001f{path}\u001f{string.Join(",", s.RuleIds)}\u001f{s.Reason}")))[..16],
                };
                result.Add(finding);
                if (ruleId == UnusedSuppressionRule.RuleId && fixes is not null && files.TryGetValue(path, out var file))
                {
                    var line = file.LineText(s.Line);
                    var replacement = s.OwnLine ? null : line[..(s.Column - 1)].TrimEnd();
                    fixes.Add((finding, new SafeFix(s.Line, replacement, "removed an unused suppression")));
                }
            }
        }
        return result;
    }
}
