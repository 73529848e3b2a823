using k8s;
using k8s.Models;
using Mx.Pulumi.Training;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>What mx run writes on a job besides the template: its owner, and the GPU of the queue shape it runs on.</summary>
public class JobMarkingSpecs
{
    private static string Sample(string sample, string path) => File.ReadAllText(Path.Combine(Repository.Samples, sample, path));

    [Theory]
    [InlineData("ada@acme.ai", "ada_acme.ai")]
    [InlineData("first.last+gpu@sub.acme.ai", "first.last_gpu_sub.acme.ai")]
    [InlineData("_x@acme.ai", "x_acme.ai")]
    public void An_account_becomes_a_valid_label_value(string account, string label)
    {
        Assert.Equal(label, JobOwnership.LabelValue(account));
        Assert.Matches("^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$", JobOwnership.LabelValue(account));
    }

    [Fact]
    public void A_long_account_is_cut_to_63_characters()
    {
        var label = JobOwnership.LabelValue(new string('a', 70) + "@acme.ai");
        Assert.Equal(63, label.Length);
    }

    [Fact]
    public void A_job_carries_its_owner_as_an_annotation_and_its_pods_the_user_label()
    {
        var marked = JobOwnership.Marked(Sample("acme-vision", "infra/k8s/jobs/train_job.yaml"), "ada@acme.ai");

        var job = KubernetesYaml.Deserialize<V1Job>(marked, strict: true);
        Assert.Equal("ada@acme.ai", job.Metadata.Annotations["mx.dev/owner"]);
        Assert.Equal("ada_acme.ai", job.Spec.Template.Metadata.Labels["mx.dev/user"]);
        Assert.Equal("training", job.Spec.Template.Metadata.Labels["app.kubernetes.io/component"]);
    }

    [Fact]
    public void Every_accelerator_selector_of_a_trainjob_names_the_shapes_gpu()
    {
        var template = Sample("acme-vision-distributed", "infra/k8s/jobs/train_distributed.yaml");
        Assert.Contains("cloud.google.com/gke-accelerator: nvidia-l4", template);

        var selected = ShapeAccelerator.Selecting(template, "nvidia-tesla-a100");

        Assert.DoesNotContain("nvidia-l4", selected);
        Assert.Equal(
            template.Split('\n').Count(l => l.Contains("cloud.google.com/gke-accelerator:", StringComparison.Ordinal)),
            selected.Split('\n').Count(l => l.Contains("cloud.google.com/gke-accelerator: nvidia-tesla-a100", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_job_on_a_shape_of_another_gpu_selects_that_gpu()
    {
        var job = KubernetesYaml.Deserialize<V1Job>(
            ShapeAccelerator.Selecting(Sample("acme-vision", "infra/k8s/jobs/train_job.yaml"), "nvidia-tesla-a100"), strict: true);

        Assert.Equal("nvidia-tesla-a100", job.Spec.Template.Spec.NodeSelector["cloud.google.com/gke-accelerator"]);
    }
}
