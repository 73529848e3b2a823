using System.Text.RegularExpressions;
using Mx.Generators;
using Mx.Lint.Internal;

namespace Mx.Lint.Rules.State;

internal sealed partial class StateFileValidRule() : Rule(
    "MX6101", RuleFamily.State, Severity.Error,
    ".mx/state.yaml parses and matches mx's state schema",
    "Every mx command starts by reading .mx/state.yaml: the answers, applied generators and file hashes. A " +
    "merge conflict or hand edit that breaks it stops generate, up and run for the whole team.",
    "Fix the reported line, or restore the committed file with 'git checkout -- .mx/state.yaml'.",
    """
    schema: 1
    answers:
      project_name: acme
    <<<<<<< HEAD
    """,
    """
    schema: 1
    answers:
      project_name: acme
    """)
{
    internal override IEnumerable<Violation> Check(LintFile file, LintContext context)
    {
        if (!file.IsStateFile) yield break;
        MxException? error = null;
        try
        {
            StateFile.Parse(file.Text);
        }
        catch (MxException e)
        {
            error = e;
        }
        if (error is null) yield break;
        var position = Position().Match(error.Message);
        var line = position.Success ? int.Parse(position.Groups[1].Value) : 1;
        var column = position.Success ? int.Parse(position.Groups[2].Value) : 1;
        var message = position.Success ? error.Message[(position.Index + position.Length)..].Trim() : error.Message;
        // The parser's own remedy sentence repeats this rule's hint.
        var remedy = message.IndexOf(" Fix the file", StringComparison.Ordinal);
        yield return new Violation(Math.Max(1, line), Math.Max(1, column), remedy > 0 ? message[..remedy] : message);
    }

    [GeneratedRegex(@"\((\d+),(\d+)\):")]
    private static partial Regex Position();
}
