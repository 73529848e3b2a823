using Mx.Lint.Internal;

namespace Mx.Lint;

/// <summary>
/// One best practice as code: an id (<c>MXnnnn</c>), a family, a default severity and the documentation
/// <c>mx lint --explain</c> prints. Rules are built in; <see cref="RuleCatalog"/> lists them.
/// </summary>
public abstract class Rule
{
    private protected Rule(string id, RuleFamily family, Severity severity, string title, string rationale, string hint,
        string bad, string good, bool hasSafeFix = false)
    {
        Id = id;
        Family = family;
        DefaultSeverity = severity;
        Title = title;
        Rationale = rationale;
        Hint = hint;
        BadExample = bad;
        GoodExample = good;
        HasSafeFix = hasSafeFix;
    }

    public string Id { get; }
    public RuleFamily Family { get; }
    public Severity DefaultSeverity { get; }

    /// <summary>What the rule expects, as a short sentence.</summary>
    public string Title { get; }

    /// <summary>Why it matters, in a paragraph.</summary>
    public string Rationale { get; }

    /// <summary>The one-line fix hint printed under every finding.</summary>
    public string Hint { get; }

    public string BadExample { get; }
    public string GoodExample { get; }

    /// <summary>Whether <c>mx lint --fix</c> can fix the rule's findings without changing what the project does.</summary>
    public bool HasSafeFix { get; }

    /// <summary>
    /// Checks one file. Rules whose findings the engine produces itself (suppression checks, the Python tools)
    /// keep this default and yield nothing.
    /// </summary>
    internal virtual IEnumerable<Violation> Check(LintFile file, LintContext context) => [];
}
