using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// The queue label on the job templates, as structured edits: with queues, a job applied from a template (by
/// <c>mx run</c>, which sets the label to the queue it resolves, or by hand) goes through Kueue rather than around it.
/// The templates name the default shape's LocalQueue of the training namespace. A PyTorchJob template is left alone:
/// Kueue 0.19 does not manage PyTorchJobs by default, so a label would not queue it.
/// </summary>
internal static class JobQueueLabels
{
    public const string Label = "kueue.x-k8s.io/queue-name";
    public const string SingleJob = "infra/k8s/jobs/train_job.yaml";
    public const string DistributedJob = "infra/k8s/jobs/train_distributed.yaml";

    public static IEnumerable<FileEdit> Edits(Answers answers)
    {
        var queue = GpuQueues.DefaultShape(answers);
        yield return Edit(SingleJob, queue);
        // DistributedTraining's answer is there once it is applied, or while it renders its template with this edit on top.
        if (answers.TryGetValue("training_operator", out var op) && (string)op == "trainjob")
            yield return Edit(DistributedJob, queue);
    }

    private static FileEdit Edit(string path, string? queue) =>
        new(path, queue is null ? "remove the queue label" : $"label the job template with queue {queue}", text => Apply(text, path, queue));

    private static string Apply(string text, string path, string? queue)
    {
        var document = YamlDocument.Parse(text, path);
        if (document.Root is not YamlMap root || root.Get("metadata") is not YamlMap metadata)
            throw new MxException($"{path} has no metadata, so mx cannot label it with its queue. Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var labels = metadata.Get("labels") as YamlMap;
        if (queue is null)
        {
            if (labels is null || labels.Entries.RemoveAll(e => e.Key.Value == Label) == 0) return text;
            return document.Write();
        }
        if (labels?.Get(Label) is YamlScalar existing && existing.Value == queue) return text;
        if (labels is null) metadata.Set("labels", labels = YamlTree.Map());
        labels.Set(Label, YamlTree.Scalar(queue));
        return document.Write();
    }
}
