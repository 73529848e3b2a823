using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Dockerfile;

internal sealed class NoAddUrlRule() : Rule(
    "MX4103", RuleFamily.Dockerfile, Severity.Error,
    "No ADD from a URL",
    "ADD <url> downloads at build time without checking what it got: the content can change or be replaced, " +
    "the layer is not cached predictably, and the file keeps root ownership.",
    "Download with RUN curl -fsSL ... and verify a checksum (sha256sum -c), or COPY a file from the build context.",
    """
    ADD https://example.com/tool.tar.gz /opt/
    """,
    """
    RUN curl -fsSLo /tmp/tool.tar.gz https://example.com/tool-1.2.3.tar.gz \
        && echo "<sha256>  /tmp/tool.tar.gz" | sha256sum -c - \
        && tar -xzf /tmp/tool.tar.gz -C /opt && rm /tmp/tool.tar.gz
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        foreach (var add in file.DockerInstructions.Where(i => i.Keyword == "ADD"))
        {
            var source = add.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(w => !w.StartsWith("--", StringComparison.Ordinal));
            if (source is not null && (source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                yield return new Violation(add.Line, 1, $"ADD downloads {source} without verifying it");
        }
    }
}
