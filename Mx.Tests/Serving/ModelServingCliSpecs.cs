using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Serving;

public class ModelServingCliSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-serving is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "ModelServing", "--no-input"];

    [Fact]
    public void The_serving_sample_is_the_skeleton_plus_model_serving()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-serving"), scenario.Project);
    }

    [Fact]
    public void Regenerating_changes_nothing_and_destroying_gives_back_the_skeletons_programs()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var skeleton = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var served = scenario.Tree(scenario.Project);

        var again = scenario.MxIn(scenario.Project, SampleArgs);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Nothing to change", again.Output);
        Assert.Equal(served, scenario.Tree(scenario.Project));

        var destroyed = scenario.MxIn(scenario.Project, "destroy", "ModelServing", "--no-input");

        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        Assert.Equal(skeleton["infra/pulumi/cluster/Main.yaml"], after["infra/pulumi/cluster/Main.yaml"]);
        Assert.Equal(skeleton["infra/pulumi/platform/Main.yaml"], after["infra/pulumi/platform/Main.yaml"]);
        Assert.DoesNotContain(after.Keys, k => k.StartsWith("infra/k8s/serving/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_gpu_shape_and_replica_bounds_reach_the_inference_service_template()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);

        var result = scenario.MxIn(scenario.Project, "generate", "ModelServing", "--serving-shape", "l4-1", "--min-replicas", "2", "--max-replicas", "5", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var template = scenario.Tree(scenario.Project)["infra/k8s/serving/inference-service.yaml"];
        Assert.Contains("cloud.google.com/gke-accelerator: nvidia-l4", template);
        Assert.Contains("nvidia.com/gpu: \"1\"", template);
        Assert.Contains("minReplicas: 2", template);
        Assert.Contains("maxReplicas: 5", template);
    }

    [Theory]
    [InlineData(new[] { "--min-replicas", "0" }, "--min-replicas", "keeps at least one replica")]
    [InlineData(new[] { "--min-replicas", "3", "--max-replicas", "2" }, "--max-replicas", "below --min-replicas 3")]
    [InlineData(new[] { "--max-replicas", "50" }, "--max-replicas", "more than 20")]
    [InlineData(new[] { "--serving-shape", "t4-1" }, "--serving-shape", "project's GPU pool")]
    [InlineData(new[] { "--serving-shape", "l4-2" }, "--serving-shape", "1 nvidia-l4 per node")]
    [InlineData(new[] { "--serving-shape", "big" }, "--serving-shape", "is not a shape")]
    public void An_answer_kserve_or_the_cluster_cannot_honour_is_refused_and_nothing_is_written(string[] flags, string option, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, ["generate", "ModelServing", .. flags, "--no-input"]);

        CliScenario.AssertBadInput(result, option, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
