using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Dockerfile;

internal sealed class NoSecretsInBuildRule() : Rule(
    "MX4105", RuleFamily.Dockerfile, Severity.Error,
    "No secrets in ENV or ARG",
    "ENV values are baked into the image and ARG values into its history ('docker history' shows them), so " +
    "anyone who can pull the image can read them. Build secrets belong in RUN --mount=type=secret; runtime " +
    "secrets in Kubernetes Secrets or workload identity.",
    "Use RUN --mount=type=secret,id=NAME for build secrets and a Kubernetes Secret at run time.",
    """
    ARG HF_TOKEN
    ENV WANDB_API_KEY=abc123
    """,
    """
    RUN --mount=type=secret,id=hf_token \
        HF_TOKEN="$(cat /run/secrets/hf_token)" python download.py
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        foreach (var instruction in file.DockerInstructions.Where(i => i.Keyword is "ENV" or "ARG"))
            foreach (var name in Names(instruction))
                if (SecretNames.IsSecret(name))
                    yield return new Violation(instruction.Line, 1, $"{instruction.Keyword} {name} puts a secret into the image");
    }

    // ENV A=1 B=2, ENV A 1 (legacy form), ARG A[=default].
    private static IEnumerable<string> Names(DockerInstruction instruction)
    {
        var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) yield break;
        if (instruction.Keyword == "ENV" && !words[0].Contains('=')) { yield return words[0]; yield break; }
        foreach (var word in words)
            if (word.Contains('=') || instruction.Keyword == "ARG")
                yield return word.Split('=')[0];
    }
}
