using Mx.Generators;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Pulumi;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

public class SkeletonAnswersSpecs
{
    private static string Sample => Path.Combine(Repository.Samples, "acme-vision");

    [Fact]
    public void The_registry_and_state_bucket_mx_up_and_mx_lint_use_are_the_ones_the_templates_wrote()
    {
        var answers = StateFile.Load(Sample)!.Answers;
        var skeleton = SkeletonAnswers.From(answers);
        var cluster = File.ReadAllText(Path.Combine(Sample, "infra", "pulumi", "cluster", "Main.yaml"));

        Assert.Equal("europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images", skeleton.Registry);
        Assert.Equal("acme-vision-prod-acme-vision-state", skeleton.StateBucket);
        Assert.Contains(skeleton.StateBucket, cluster);
        Assert.Contains(skeleton.Registry, File.ReadAllText(Path.Combine(Sample, "infra", "k8s", "jobs", "train_job.yaml")));
        Assert.Equal(skeleton.Registry, SkeletonAnswers.RegistryOf(answers));
        Assert.Equal(skeleton.StateBucket, InfraProject.Load(Sample, null, null).StateBucket);
        Assert.Equal((2, 1, "nvidia-l4"), (skeleton.GpuMaxNodes, skeleton.GpuCount, skeleton.GpuType));
    }

    [Fact]
    public void A_registry_is_named_only_when_its_answers_are_all_there()
    {
        Assert.Null(SkeletonAnswers.RegistryOf(Answers.Empty.With("region", "europe-west4").With("gcp_project", "p")));
    }

    [Fact]
    public void Outside_a_project_the_one_error_names_the_state_file_and_the_reason_when_given()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<MxException>(() => ProjectPaths.RequireProjectRoot(dir.Path, ", and plugins are pinned per project"));

        Assert.Equal($"{dir.Path} is not inside an mx project (no .mx/state.yaml here or above), and plugins are pinned per project. " +
                     "cd into a project made with 'mx generate MLProjectSkeleton'.", error.Message);
        Assert.Equal(Sample, ProjectPaths.RequireProjectRoot(Path.Combine(Sample, "infra", "k8s")));
    }
}
