using Mx.Lint.Internal;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class StackConfigSecretsRule() : Rule(
    "MX3108", RuleFamily.Pulumi, Severity.Error,
    "Secrets in Pulumi stack files are encrypted (secure:)",
    "Pulumi.<stack>.yaml is committed. A password or token written there in plain text is in git history for " +
    "good; 'pulumi config set --secret' stores it encrypted as a 'secure:' value that only the stack can read.",
    "Run 'pulumi config set --secret KEY VALUE' so the value is stored as secure:, then rotate the exposed secret.",
    """
    config:
      acme:dbPassword: hunter2
    """,
    """
    config:
      acme:dbPassword:
        secure: AAABAKz0...
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.IsPulumiStackConfig) yield break;
        foreach (var document in file.YamlDocuments)
            foreach (var (key, keyNode, value) in document.RootNode.Get("config").Entries())
                if (SecretNames.IsSecret(key[(key.IndexOf(':') + 1)..]) && value is YamlScalarNode { Value: { Length: > 0 } })
                    yield return new Violation(keyNode.Line(), keyNode.Column(), $"'{key}' is stored in plain text");
    }

}
