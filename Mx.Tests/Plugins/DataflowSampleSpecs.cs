using Mx.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Plugins;

/// <summary>
/// What the sample plugin's DataflowPipeline writes for acme-vision (<c>samples/acme-vision-dataflow</c>, which
/// <see cref="PluginSpecs"/> keeps equal to a real run) lets workers shuffle and engineers launch jobs.
/// </summary>
public class DataflowSampleSpecs
{
    private static readonly string Sample = Path.Combine(Repository.Samples, "acme-vision-dataflow");

    private static YamlMappingNode Resources(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"];
    }

    private static YamlMappingNode Properties(YamlNode resource) => (YamlMappingNode)((YamlMappingNode)resource)["properties"];

    private static YamlMappingNode Program => Resources(Path.Combine(Sample, "infra", "pulumi", "dataflow-etl", "Main.yaml"));

    [Fact]
    public void Workers_may_reach_each_other_on_tcp_12345_to_12346_in_the_projects_vpc()
    {
        var skeletonNetwork = Properties(Resources(Path.Combine(Repository.Samples, "acme-vision", "infra", "pulumi", "cluster", "Main.yaml"))["network"])["name"].ToString();
        var rule = Program.Children.Values.Select(r => (YamlMappingNode)r).Single(r => r["type"].ToString() == "gcp:compute:Firewall");
        var properties = Properties(rule);

        Assert.Equal(skeletonNetwork, properties["network"].ToString());
        Assert.Equal("INGRESS", properties["direction"].ToString());
        Assert.Equal(["dataflow"], ((YamlSequenceNode)properties["sourceTags"]).Select(t => t.ToString()));
        Assert.Equal(["dataflow"], ((YamlSequenceNode)properties["targetTags"]).Select(t => t.ToString()));
        var allow = (YamlMappingNode)((YamlSequenceNode)properties["allows"]).Single();
        Assert.Equal("tcp", allow["protocol"].ToString());
        Assert.Equal(["12345-12346"], ((YamlSequenceNode)allow["ports"]).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("ada@acme.ai")]
    [InlineData("alan@acme.ai")]
    public void Every_engineer_may_launch_jobs_that_run_as_the_worker_service_account(string email)
    {
        var grants = Program.Children.Values.Select(r => (YamlMappingNode)r)
            .Where(r => r.Children.ContainsKey("properties") && Properties(r).Children.TryGetValue(new YamlScalarNode("member"), out var m) && m.ToString() == $"user:{email}")
            .ToArray();

        Assert.Contains(grants, g => g["type"].ToString() == "gcp:projects:IAMMember" && Properties(g)["role"].ToString() == "roles/dataflow.developer");
        Assert.Contains(grants, g => g["type"].ToString() == "gcp:serviceaccount:IAMMember"
                                     && Properties(g)["role"].ToString() == "roles/iam.serviceAccountUser"
                                     && Properties(g)["serviceAccountId"].ToString() == "${workerServiceAccount.name}");
    }

    [Fact]
    public void The_doc_points_pulumi_at_the_state_bucket_without_changing_the_users_login()
    {
        var doc = File.ReadAllText(Path.Combine(Sample, "docs", "dataflow-etl.md"));

        Assert.DoesNotContain("pulumi login", doc);
        Assert.Contains("export PULUMI_BACKEND_URL=gs://acme-vision-prod-acme-vision-state", doc);
        Assert.Contains("mx up", doc);
    }
}
