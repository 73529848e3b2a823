using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Dockerfile;

internal sealed class NonRootUserRule() : Rule(
    "MX4102", RuleFamily.Dockerfile, Severity.Error,
    "The final image runs as a non-root USER",
    "Without a USER line the container runs as root: a bug or a malicious dependency can write anywhere in the " +
    "image and in mounted volumes, and Kubernetes' runAsNonRoot refuses to start it.",
    "Create an unprivileged user and end the last stage with USER <uid>:<gid> (not root or 0).",
    """
    FROM python:3.11.10-slim
    CMD ["python", "-m", "app"]
    """,
    """
    FROM python:3.11.10-slim
    RUN useradd --system --uid 10001 app
    USER 10001:10001
    CMD ["python", "-m", "app"]
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        var instructions = file.DockerInstructions;
        if (instructions.Count == 0) yield break;
        var lastStage = instructions.Max(i => i.Stage);
        var stage = instructions.Where(i => i.Stage == lastStage).ToList();
        var user = stage.LastOrDefault(i => i.Keyword == "USER");
        if (user is null)
        {
            var from = stage.FirstOrDefault(i => i.Keyword == "FROM") ?? stage[0];
            yield return new Violation(from.Line, 1, "the final stage sets no USER, so the container runs as root");
        }
        else if (user.Arguments.Split(':')[0].Trim() is "root" or "0")
            yield return new Violation(user.Line, 1, $"the final stage runs as {user.Arguments}");
    }
}
