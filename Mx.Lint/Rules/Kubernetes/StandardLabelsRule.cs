using Mx.Lint.Internal;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Rules.Kubernetes;

internal sealed class StandardLabelsRule() : KubernetesRule(
    "MX1109", RuleFamily.Kubernetes, Severity.Warning,
    "Objects carry the standard app.kubernetes.io/name and app.kubernetes.io/part-of labels",
    "The recommended labels let kubectl, dashboards and cost reports group everything that belongs to one " +
    "application and one project; GKE cost allocation and mx's own commands select on them.",
    "Add app.kubernetes.io/name and app.kubernetes.io/part-of to metadata.labels (--fix adds them when it can tell the values).",
    """
    metadata:
      name: mlflow
    """,
    """
    metadata:
      name: mlflow
      labels:
        app.kubernetes.io/name: mlflow
        app.kubernetes.io/part-of: acme-vision
    """,
    hasSafeFix: true)
{
    private const string NameLabel = "app.kubernetes.io/name";
    private const string PartOfLabel = "app.kubernetes.io/part-of";

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        if (o.Metadata is not YamlMappingNode metadata) yield break;
        var missing = new[] { NameLabel, PartOfLabel }.Where(l => o.Labels.Get(l) is null).ToList();
        if (missing.Count == 0) yield break;
        yield return new Violation(o.Line, 1, $"{o.Describe} lacks the label{(missing.Count > 1 ? "s" : "")} {string.Join(" and ", missing)}",
            Fix(o, metadata, missing, file, context));
    }

    // Values the fix can know: the object's own name, and the project it belongs to from mx's answers.
    private static SafeFix? Fix(KubeObject o, YamlMappingNode metadata, List<string> missing, LintFile file, LintContext context)
    {
        var values = new Dictionary<string, string?>
        {
            [NameLabel] = o.Name,
            [PartOfLabel] = context.State?.Answers.TryGetValue("project_name", out var project) == true ? project as string : null,
        };
        var added = missing.Where(l => values[l] is { Length: > 0 } v && IsPlain(v)).Select(l => (Label: l, Value: values[l]!)).ToList();
        if (added.Count == 0 || metadata.Style == MappingStyle.Flow) return null;
        if (o.Labels is YamlMappingNode { Style: not MappingStyle.Flow } labels && labels.Children.Count > 0)
        {
            var first = labels.Children.First().Key;
            var indent = new string(' ', first.Column() - 1);
            var insert = string.Concat(added.Select(a => $"{indent}{a.Label}: {a.Value}\n"));
            return new SafeFix(first.Line(), insert + file.LineText(first.Line()), $"added {string.Join(" and ", added.Select(a => a.Label))}");
        }
        if (o.Labels is not null) return null;
        var firstKey = metadata.Children.First().Key;
        var keyIndent = new string(' ', firstKey.Column() - 1);
        var block = $"{keyIndent}labels:\n" + string.Concat(added.Select(a => $"{keyIndent}  {a.Label}: {a.Value}\n"));
        return new SafeFix(firstKey.Line(), block + file.LineText(firstKey.Line()), $"added {string.Join(" and ", added.Select(a => a.Label))}");
    }

    private static bool IsPlain(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
