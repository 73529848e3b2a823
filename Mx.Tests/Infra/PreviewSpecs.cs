using Mx.Pulumi;

namespace Mx.Tests.Infra;

public class PreviewSpecs
{
    [Fact]
    public void Preview_calls_out_a_gpu_pool_replacement_in_red_before_anything_happens()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("up", "--yes", "--backend", infra.LocalBackend).ExitCode);
        infra.Scenario = "gpu-replace";
        File.Delete(infra.LogPath);

        var result = infra.Mx("preview");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("+- replace  gpuPool (gcp:container/nodePool:NodePool)", result.Output);
        Assert.Contains("replacement: gpuPool (gcp:container/nodePool:NodePool) in the cluster stack will be deleted and created again because nodeConfig changed.", result.Output);
        Assert.Contains("nothing was changed", result.Output);
        var previews = infra.Calls("pulumi").Where(c => c.Command == "preview").ToArray();
        Assert.Equal(2, previews.Length);
        Assert.All(previews, p =>
        {
            Assert.Equal(PulumiArguments.Preview("dev", refresh: false), p.Argv);
            Assert.Equal("true", p.Env["PULUMI_ENABLE_STREAMING_JSON_PREVIEW"]);
        });
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command is "up" or "destroy");
    }

    [Fact]
    public void Before_the_first_up_preview_shows_the_cluster_and_explains_why_the_platform_must_wait()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("preview", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("+  create   cluster (gcp:container/cluster:Cluster)", result.Output);
        Assert.Contains("can be previewed once 'mx up' has created the cluster", result.Output);
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Cwd.EndsWith("platform") && c.Command == "preview");
    }

    [Fact]
    public void Preview_with_json_prints_the_change_counts_for_scripts()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("preview", "--backend", infra.LocalBackend, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        var program = Assert.Single(document.RootElement.GetProperty("programs").EnumerateArray());
        Assert.Equal("cluster", program.GetProperty("name").GetString());
        Assert.Equal(FakeInfra.FixtureSummary("fresh", "cluster.preview.jsonl")["create"], program.GetProperty("changes").GetProperty("create").GetInt32());
    }
}
