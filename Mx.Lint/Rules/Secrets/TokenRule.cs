using System.Buffers;
using System.Text.RegularExpressions;
using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Secrets;

internal sealed partial class TokenRule() : Rule(
    "MX5103", RuleFamily.Secrets, Severity.Error,
    "No access tokens in the repository",
    "Tokens of common services have recognisable formats (AWS access keys, GitHub, GitLab, Slack, Google API " +
    "keys, Hugging Face, Stripe, OpenAI). Committed, they are scraped from public and leaked repositories " +
    "within minutes, and they stay in history.",
    "Remove the token, revoke it with its issuer, and read it from an environment variable or a secret store.",
    """
    HF_TOKEN = "hf_AbCdEfGhIjKl…"  # the whole token, 37 characters
    """,
    """
    HF_TOKEN = os.environ["HF_TOKEN"]
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        // A vectorised search for the formats' fixed prefixes skips almost every file before the regex runs.
        if (file.Text.AsSpan().IndexOfAny(Prefixes) < 0) yield break;
        foreach (Match match in Token().Matches(file.Text))
        {
            var kind = Kinds.First(k => match.Groups[k.Group].Success).Name;
            var (line, column) = file.Position(match.Index);
            yield return new Violation(line, column, $"{kind} '{match.Value[..Math.Min(8, match.Value.Length)]}…' is committed");
        }
    }

    private static readonly SearchValues<string> Prefixes = SearchValues.Create(
        ["AKIA", "ASIA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "AIza", "hf_", "k_live_", "T3BlbkFJ"],
        StringComparison.Ordinal);

    private static readonly (string Group, string Name)[] Kinds =
    [
        ("aws", "an AWS access key id"), ("github", "a GitHub token"), ("gitlab", "a GitLab token"), ("slack", "a Slack token"),
        ("google", "a Google API key"), ("hf", "a Hugging Face token"), ("stripe", "a Stripe live key"), ("openai", "an OpenAI API key"),
    ];

    [GeneratedRegex(
        @"(?<aws>\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)" +
        @"|(?<github>\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b)" +
        @"|(?<gitlab>\bglpat-[A-Za-z0-9_\-]{20,}\b)" +
        @"|(?<slack>\bxox[abprs]-[A-Za-z0-9\-]{10,})" +
        @"|(?<google>\bAIza[0-9A-Za-z_\-]{35}\b)" +
        @"|(?<hf>\bhf_[A-Za-z0-9]{34,}\b)" +
        @"|(?<stripe>\b[rs]k_live_[0-9A-Za-z]{24,}\b)" +
        @"|(?<openai>\bsk-(?:proj-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})")]
    private static partial Regex Token();
}
