using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Dockerfile;

internal sealed class AptListsCleanedRule() : Rule(
    "MX4104", RuleFamily.Dockerfile, Severity.Warning,
    "apt package lists are removed in the same RUN that installs packages",
    "apt-get update downloads tens of megabytes of package lists. Removed in a later layer they still ship in " +
    "the image; removed in the same RUN they never reach a layer.",
    "End the RUN that calls apt-get install with '&& rm -rf /var/lib/apt/lists/*' (--fix does it).",
    """
    RUN apt-get update && apt-get install -y --no-install-recommends git
    """,
    """
    RUN apt-get update && apt-get install -y --no-install-recommends git \
        && rm -rf /var/lib/apt/lists/*
    """,
    hasSafeFix: true)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        foreach (var run in file.DockerInstructions.Where(i => i.Keyword == "RUN"))
        {
            var installs = run.Arguments.Contains("apt-get install", StringComparison.Ordinal) || run.Arguments.Contains("apt install", StringComparison.Ordinal);
            if (!installs || run.Arguments.Contains("/var/lib/apt/lists", StringComparison.Ordinal)) continue;
            // Only the shell form can take another command; exec form and heredocs are left to the user.
            var fixable = !run.Arguments.StartsWith('[') && !run.Arguments.Contains("<<", StringComparison.Ordinal);
            var last = file.LineText(run.EndLine);
            var indent = run.EndLine > run.Line ? new string(' ', last.Length - last.TrimStart().Length) : "    ";
            var fix = fixable ? new SafeFix(run.EndLine, $"{last.TrimEnd()} \\\n{indent}&& rm -rf /var/lib/apt/lists/*", "removed apt lists in the installing layer") : null;
            yield return new Violation(run.Line, 1, "RUN installs apt packages but leaves /var/lib/apt/lists in the layer", fix);
        }
    }
}
