using System.Text.RegularExpressions;
using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Secrets;

internal sealed partial class PrivateKeyRule() : Rule(
    "MX5101", RuleFamily.Secrets, Severity.Error,
    "No private keys in the repository",
    "A private key in git is public to everyone who can clone the repository, forever: deleting it later " +
    "leaves it in history. SSH, TLS and signing keys belong in a secret manager.",
    "Remove the key, rotate it (it is compromised), and load it from Secret Manager or a Kubernetes Secret.",
    """
    -----BEGIN OPENSSH PRIVATE KEY-----
    b3BlbnNzaC1rZXktdjEAAAAA...
    """,
    """
    # deploy key: in Secret Manager as acme-deploy-key, mounted by the job
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.Text.Contains("PRIVATE KEY", StringComparison.Ordinal)) yield break;
        foreach (Match match in Header().Matches(file.Text))
        {
            var (line, column) = file.Position(match.Index);
            yield return new Violation(line, column, $"a private key ({match.Value.Trim('-')["BEGIN ".Length..]}) is committed");
        }
    }

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----")]
    private static partial Regex Header();
}
