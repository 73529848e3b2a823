using System.Text.RegularExpressions;
using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Secrets;

internal sealed partial class ServiceAccountKeyRule() : Rule(
    "MX5102", RuleFamily.Secrets, Severity.Error,
    "No Google service-account key files in the repository",
    "A service-account key JSON gives whoever holds it that account's access to the GCP project until the key " +
    "is deleted. mx projects need none: workloads use workload identity and people their own gcloud login.",
    "Delete the file, delete the key in IAM (gcloud iam service-accounts keys delete), and use workload identity.",
    """
    {"type": "service_account", "project_id": "acme-prod", "private_key_id": "4f1c...", "private_key": "-----BEGIN..."}
    """,
    """
    # no key file: pods use workload identity (iam.gke.io/gcp-service-account annotation)
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.Text.Contains("service_account", StringComparison.Ordinal) || !file.Text.Contains("private_key", StringComparison.Ordinal)) yield break;
        var match = AccountType().Match(file.Text);
        if (!match.Success) yield break;
        var (line, column) = file.Position(match.Index);
        yield return new Violation(line, column, "a Google service-account key is committed");
    }

    [GeneratedRegex("\"type\"\\s*:\\s*\"service_account\"")]
    private static partial Regex AccountType();
}
