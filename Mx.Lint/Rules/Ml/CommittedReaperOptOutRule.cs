using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class CommittedReaperOptOutRule() : KubernetesRule(
    "MX2110", RuleFamily.MlWorkloads, Severity.Error,
    "Manifests in the repository carry no idle-reaper opt-out",
    "The idle reaper (mx generate IdleReaper) spares a workload annotated mx.dev/keep-until with a reason, at most a " +
    "few days ahead, so that someone decides again when it expires. Written into a job template, the opt-out reaches " +
    "every future run: either it has expired and does nothing, or it exempts jobs nobody looked at from the reaper.",
    "Remove mx.dev/keep-until and mx.dev/keep-reason from the manifest; annotate the running job instead: " +
    "kubectl annotate job NAME mx.dev/keep-until=2026-12-24T18:00:00+01:00 mx.dev/keep-reason='...'.",
    """
    kind: Job
    metadata:
      name: train
      annotations:
        mx.dev/keep-until: "2026-12-24T18:00:00+01:00"
        mx.dev/keep-reason: demo
    """,
    """
    kind: Job
    metadata:
      name: train
    """)
{
    private const string KeepUntil = "mx.dev/keep-until";

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var metadata = new[] { o.Metadata }.Concat(PodTemplate.In(o).Select(p => p.Metadata));
        foreach (var value in metadata.Select(m => m.At("annotations", KeepUntil)).OfType<YamlDotNet.RepresentationModel.YamlNode>())
            yield return new Violation(value.Line(), value.Column(),
                $"{o.Describe} carries the idle-reaper opt-out {KeepUntil}: {value.Text()}; opt-outs belong on a running workload, not in its template");
    }
}
