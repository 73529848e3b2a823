using Mx.Lint.Internal;
using Mx.Lint.Rules.Kubernetes;

namespace Mx.Lint.Rules.Ml;

internal sealed class KueueQueueRule() : KubernetesRule(
    "MX2103", RuleFamily.MlWorkloads, Severity.Error,
    "Queued jobs name an existing LocalQueue with the kueue.x-k8s.io/queue-name label, and Kueue objects reference ones that exist",
    "Kueue admits a job only through a LocalQueue of its namespace, named by the kueue.x-k8s.io/queue-name " +
    "label (the annotation of the same name is deprecated). A misspelt queue leaves the job suspended forever " +
    "without an error; so does a LocalQueue pointing at a ClusterQueue, or a ClusterQueue at a ResourceFlavor, " +
    "that does not exist.",
    "Label the job with kueue.x-k8s.io/queue-name: <a LocalQueue of its namespace>, and declare the queues and flavors it names.",
    """
    metadata:
      annotations:
        kueue.x-k8s.io/queue-name: gpu-singel
    """,
    """
    metadata:
      labels:
        kueue.x-k8s.io/queue-name: gpu-single   # a LocalQueue in this namespace
    """)
{
    private const string QueueLabel = "kueue.x-k8s.io/queue-name";

    protected override IEnumerable<Violation> CheckObject(KubeObject o, LintFile file, LintContext context)
    {
        var facts = context.Facts;
        if (o.Group == "kueue.x-k8s.io")
        {
            if (o.Kind == "LocalQueue" && o.Root.At("spec", "clusterQueue") is { } clusterQueue && clusterQueue.Text() is { } cq && !facts.ClusterQueues.Contains(cq))
                yield return new Violation(clusterQueue.Line(), clusterQueue.Column(), $"{o.Describe} points at ClusterQueue '{cq}', which the project does not declare");
            if (o.Kind == "ClusterQueue")
                foreach (var flavor in o.Root.At("spec", "resourceGroups").Items().SelectMany(g => g.Get("flavors").Items()))
                    if (flavor.Get("name") is { } name && name.Text() is { } f && !facts.ResourceFlavors.Contains(f))
                        yield return new Violation(name.Line(), name.Column(), $"{o.Describe} uses ResourceFlavor '{f}', which the project does not declare");
            yield break;
        }
        if (o.Metadata.At("annotations", QueueLabel) is { } annotation)
            yield return new Violation(annotation.Line(), annotation.Column(),
                $"{o.Describe} names its queue with the deprecated annotation {QueueLabel}; use a label");
        if (o.Labels.Get(QueueLabel) is { } label && label.Text() is { } queue && !facts.HasLocalQueue(o.Namespace, queue))
            yield return new Violation(label.Line(), label.Column(),
                $"{o.Describe} targets LocalQueue '{queue}'{(o.Namespace is { } ns ? $" in namespace '{ns}'" : "")}, which the project does not declare");
    }
}
