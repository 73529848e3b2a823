using Mx.Lint.Internal;

namespace Mx.Lint.Rules.State;

internal sealed class RecordedFilesExistRule() : Rule(
    "MX6102", RuleFamily.State, Severity.Error,
    "Every file .mx/state.yaml records exists",
    "mx records the hash of each file it writes to tell your edits from its own. A recorded file that is gone " +
    "was deleted by hand or the state came from another branch; the next 'mx generate' would silently recreate it.",
    "Restore the file (git checkout -- PATH), or regenerate it with 'mx generate' if you want it back.",
    """
    files:
      infra/k8s/jobs/train_job.yaml: sha256:2e7a...   # but the file was deleted
    """,
    """
    files:
      infra/k8s/jobs/train_job.yaml: sha256:2e7a...   # and the file is there
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.IsStateFile || context.State is null || file.YamlDocuments.Count == 0) yield break;
        foreach (var (path, keyNode, _) in file.YamlDocuments[0].RootNode.Get("files").Entries())
            if (context.CurrentHash(path) is null)
                yield return new Violation(keyNode.Line(), keyNode.Column(), $"'{path}' is recorded as written by mx but does not exist");
    }
}
