using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Dockerfile;

internal sealed class BaseImagePinnedRule() : Rule(
    "MX4101", RuleFamily.Dockerfile, Severity.Error,
    "Base images are pinned to a version tag or a digest",
    "FROM python or FROM python:latest builds on whatever was pushed last: the same commit builds a different " +
    "image next week, with another CUDA, Python or OS, and a training run stops being reproducible.",
    "Pin the base image to an exact tag (pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime) or a digest.",
    """
    FROM pytorch/pytorch
    """,
    """
    FROM pytorch/pytorch:2.5.1-cuda12.4-cudnn9-runtime
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        // Earlier stages are referenced by their alias and need no tag.
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var from in file.DockerInstructions.Where(i => i.Keyword == "FROM"))
        {
            var words = from.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
            if (words.Count == 0) continue;
            var image = words[0];
            var pinned = image == "scratch" || image.Contains('$') || stages.Contains(image);
            if (words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase)) stages.Add(words[2]);
            if (!pinned && ImageReference.Problem(image) is { } problem)
                yield return new Violation(from.Line, 1, $"base image '{image}' {problem}");
        }
    }
}
