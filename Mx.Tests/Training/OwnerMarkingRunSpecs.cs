using k8s;
using k8s.Models;

namespace Mx.Tests.Training;

/// <summary>
/// mx run marks a job with its owner wherever something reads it (GPU monitoring's per-user sums, the idle reaper's
/// warnings), not only in projects with teams, and asks gcloud nothing where nothing does.
/// </summary>
public class OwnerMarkingRunSpecs
{
    private static string Submitted(RunWorld world) => world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply")).Stdin!;

    [Theory]
    [InlineData("GpuMonitoring")]
    [InlineData("IdleReaper")]
    public void In_a_project_with_monitoring_or_the_reaper_a_job_carries_its_owner_and_user_label(string generator)
    {
        using var world = new RunWorld();
        foreach (var applied in generator == "IdleReaper" ? new[] { "GpuMonitoring", "IdleReaper" } : [generator])
            Assert.Equal(0, world.Mx("generate", applied, "--no-input").ExitCode);
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        var job = KubernetesYaml.Deserialize<V1Job>(Submitted(world), strict: true);
        Assert.Equal("ada@acme.ai", job.Metadata.Annotations["mx.dev/owner"]);
        Assert.Equal("ada_acme.ai", job.Spec.Template.Metadata.Labels["mx.dev/user"]);
        Assert.Equal("training", job.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Where_nothing_reads_the_owner_mx_run_asks_gcloud_nothing_and_marks_nothing()
    {
        using var world = new RunWorld();
        world.Extra["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";

        var result = world.Mx("run", "train");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "gcloud" && c.Argv.Contains("get-value"));
        Assert.DoesNotContain("mx.dev/owner", Submitted(world));
    }
}
