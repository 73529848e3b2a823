using Mx.Lint.Internal;

namespace Mx.Lint.Rules.State;

internal sealed class ManagedFilesUnmodifiedRule() : Rule(
    "MX6103", RuleFamily.State, Severity.Warning,
    "Files marked \"Managed by mx\" are as mx wrote them",
    "Files whose header says 'Managed by mx' are rewritten by generators and 'mx update'. Hand edits there are " +
    "refused as conflicts on the next generate, and lost if someone forces it. Change them through mx answers, " +
    "or move the change to a file you own.",
    "Undo the edit (mx generate --dry-run shows the difference), or change the answer that renders it.",
    """
    # Managed by mx. ...
    replicas: 3   # edited by hand
    """,
    """
    # Managed by mx. ...
    replicas: 1   # as mx wrote it; change it with mx
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.IsStateFile || context.State is null) yield break;
        foreach (var (path, recorded) in context.State.Files)
        {
            if (context.CurrentHash(path) is not { } current || current == recorded) continue;
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(context.Root, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var marker = text.IndexOf("managed by mx", StringComparison.OrdinalIgnoreCase);
            if (marker < 0) continue;
            var (line, column) = new LintFile(path, text).Position(marker);
            yield return new Violation(line, column, $"'{path}' is managed by mx but was edited since mx wrote it", Path: path);
        }
    }
}
