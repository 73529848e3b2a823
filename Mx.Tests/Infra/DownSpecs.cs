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

    [Fact]
    public void Down_in_a_cloud_sql_project_releases_the_deletion_protection_of_the_cluster_and_the_database_instance()
    {
        using var infra = new FakeInfra("fresh", generateOptions: ["--mlflow-database", "cloud-sql"]);
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        File.Delete(infra.LogPath);

        var result = infra.Mx("down", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        var cluster = infra.Calls("pulumi").Where(c => Path.GetFileName(c.Cwd) == "cluster" && c.Command is not ("stack select" or "stack output"))
            .Select(c => c.Argv).ToArray();
        Assert.Equal(
        [
            PulumiArguments.SetConfig("dev", [new("acme-vision-cluster:deletionProtection", "false")]),
            PulumiArguments.Up("dev", refresh: false,
            [
                "urn:pulumi:dev::acme-vision-cluster::gcp:container/cluster:Cluster::cluster",
                "urn:pulumi:dev::acme-vision-cluster::gcp:sql/databaseInstance:DatabaseInstance::mlflowDatabaseInstance",
            ]),
            PulumiArguments.Destroy("dev", excludeProtected: true),
            PulumiArguments.RemoveConfig("dev", "acme-vision-cluster:deletionProtection"),
        ], cluster);
        Assert.Contains("(cluster, mlflowDatabaseInstance)", result.Output);
    }

    [Fact]
    public void Down_keeps_the_data_and_artifacts_buckets_and_says_so()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes").ExitCode);

        var result = infra.Mx("down", "--yes");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.DoesNotContain("dataBucket", result.Output);
        Assert.DoesNotContain("artifactsBucket", result.Output);
        var kept = result.Output.Split('\n').Single(l => l.StartsWith("Kept with their objects", StringComparison.Ordinal));
        Assert.Contains("gs://acme-vision-prod-acme-vision-data, gs://acme-vision-prod-acme-vision-artifacts;", kept);
        Assert.DoesNotContain("-state", kept);
        Assert.Contains("The state bucket gs://acme-vision-prod-acme-vision-state is kept", result.Output);
    }

    [Fact]
    public void A_cloud_sql_projects_network_held_by_its_peering_gets_the_command_that_removes_the_peering()
    {
        using var infra = new FakeInfra("fresh", generateOptions: ["--mlflow-database", "cloud-sql"]);
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        infra.Scenario = "peering";

        var result = infra.Mx("down", "--yes");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("is already being used by", result.All);
        Assert.Contains("gcloud compute networks peerings delete servicenetworking-googleapis-com --network acme-vision --project acme-vision-prod", result.All);
        Assert.Contains("run 'mx down' again", result.All);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public void A_project_without_cloud_sql_gets_the_usual_advice_when_destroy_fails()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        infra.Scenario = "peering";

        var result = infra.Mx("down", "--yes");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.DoesNotContain("peerings delete", result.All);
        Assert.Contains("Fix the cause above and run the command again", result.All);
    }
}
