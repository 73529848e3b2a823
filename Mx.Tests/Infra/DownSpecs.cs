using Mx.Pulumi;
using Mx.Tests.Cli;

namespace Mx.Tests.Infra;

public class DownSpecs
{
    [Fact]
    public void Down_without_a_terminal_needs_yes_and_names_the_project_and_stack()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("down", "--backend", infra.LocalBackend);

        CliScenario.AssertBadInput(result, "acme-vision", "'dev'", "--yes");
        Assert.Empty(infra.Calls());
    }

    [Fact]
    public void Down_destroys_the_platform_first_then_the_cluster_with_its_deletion_protection_released()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        File.Delete(infra.LogPath);

        var result = infra.Mx("down", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        var changes = infra.Calls("pulumi").Where(c => c.Command is not ("stack select" or "stack output"))
            .Select(c => (Path.GetFileName(c.Cwd), c.Argv)).ToArray();
        Assert.Equal(
        [
            ("platform", PulumiArguments.Destroy("dev", excludeProtected: true)),
            ("cluster", PulumiArguments.SetConfig("dev", [new("acme-vision-cluster:deletionProtection", "false")])),
            ("cluster", PulumiArguments.Up("dev", refresh: false, ["urn:pulumi:dev::acme-vision-cluster::gcp:container/cluster:Cluster::cluster"])),
            ("cluster", PulumiArguments.Destroy("dev", excludeProtected: true)),
            ("cluster", PulumiArguments.RemoveConfig("dev", "acme-vision-cluster:deletionProtection")),
        ], changes);
        Assert.Contains("-  delete   gpuPool (gcp:container/nodePool:NodePool)", result.Output);
        Assert.DoesNotContain("stateBucket", result.Output);
        Assert.DoesNotContain("cluster.clusterName", infra.State);
    }
}
