using Mx.Tests.Cli;
using Mx.Tests.CloudBuild;
using Mx.Tests.Gateway;
using Mx.Tests.GitHubActions;
using Mx.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Docs;

/// <summary>
/// The published docs behind the front door: added by whichever of a pipeline and DeploymentInfrastructure comes second,
/// the same either way, kept by mx update, and gone with either of them.
/// </summary>
public class DocsAppCliSpecs
{
    private const string Folder = "infra/k8s/docs/";
    private const string ClusterProgram = "infra/pulumi/cluster/Main.yaml";
    private const string PlatformProgram = "infra/pulumi/platform/Main.yaml";

    private static CliScenario Project(params string[][] generations)
    {
        var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        foreach (var args in generations)
        {
            var result = scenario.MxIn(scenario.Project, args);
            Assert.True(result.ExitCode == 0, result.All);
        }
        return scenario;
    }

    [Fact]
    public void The_docs_sample_is_the_cloudbuild_sample_plus_the_front_door_which_serves_the_docs()
    {
        using var scenario = Project(CloudBuildCliSpecs.SampleArgs, GatewayCliSpecs.SampleArgs);

        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-docs"), scenario.Project);
    }

    [Fact]
    public void Deploy_list_and_open_show_the_docs_address()
    {
        using var scenario = Project(CloudBuildCliSpecs.SampleArgs, GatewayCliSpecs.SampleArgs);

        var list = scenario.MxIn(scenario.Project, "deploy", "--list");
        var open = scenario.MxIn(scenario.Project, "open", "docs", "--print");

        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains(list.Output.Split('\n'), l => l.Contains("docs", StringComparison.Ordinal) && l.Contains("infra/k8s/docs", StringComparison.Ordinal)
                                                        && l.Contains("https://docs.acme-vision.acme.ai", StringComparison.Ordinal));
        Assert.True(open.ExitCode == 0, open.All);
        Assert.Equal("https://docs.acme-vision.acme.ai", open.Output.Trim());
    }

    [Fact]
    public void The_front_door_first_and_the_pipeline_second_give_the_same_project()
    {
        using var pipelineFirst = Project(CloudBuildCliSpecs.SampleArgs, GatewayCliSpecs.SampleArgs);
        using var gatewayFirst = Project(GatewayCliSpecs.SampleArgs, CloudBuildCliSpecs.SampleArgs);
        var one = pipelineFirst.Tree(pipelineFirst.Project);
        var other = gatewayFirst.Tree(gatewayFirst.Project);

        Assert.Equal(Files(one), Files(other));
        Assert.Contains(Folder + "server.yaml", one.Keys);
        foreach (var path in Files(one).Where(p => p != ClusterProgram)) Assert.True(one[path] == other[path], $"{path} differs with the order");
        // The cluster program's entries come in the order the generators were applied; each is the same.
        Assert.Equal(Entries(one[ClusterProgram]), Entries(other[ClusterProgram]));
    }

    [Fact]
    public void With_github_actions_the_docs_app_reads_the_bucket_github_actions_publishes_to()
    {
        using var scenario = Project(GatewayCliSpecs.SampleArgs, GitHubActionsSpecs.SampleArgs);
        var tree = scenario.Tree(scenario.Project);

        var entries = Entries(tree[ClusterProgram]);
        Assert.Contains("bucket: ${githubActionsDocsBucket.name}", entries["docsAppReadsDocs"]);
        Assert.Contains("githubActionsDocsBucket", entries.Keys);
        Assert.Contains(Folder + "route.yaml", tree.Keys);
    }

    [Fact]
    public void Neither_a_pipeline_alone_nor_the_front_door_alone_serves_the_docs()
    {
        using var pipeline = Project(CloudBuildCliSpecs.SampleArgs);
        using var gateway = Project(GatewayCliSpecs.SampleArgs);

        foreach (var scenario in new[] { pipeline, gateway })
        {
            var tree = scenario.Tree(scenario.Project);
            Assert.DoesNotContain(tree.Keys, p => p.StartsWith(Folder, StringComparison.Ordinal));
            Assert.DoesNotContain("docsApp", tree[ClusterProgram]);
            Assert.DoesNotContain("../../k8s/docs", tree[PlatformProgram]);
        }
    }

    [Fact]
    public void Update_changes_nothing_and_keeps_an_engineers_edit_of_the_docs_server()
    {
        using var scenario = Project(CloudBuildCliSpecs.SampleArgs, GatewayCliSpecs.SampleArgs);
        var server = Path.Combine(scenario.Project, Folder, "server.yaml");
        File.WriteAllText(server, File.ReadAllText(server).Replace("  replicas: 1\n", "  replicas: 2\n", StringComparison.Ordinal));
        var before = scenario.Tree(scenario.Project);

        var updated = scenario.MxIn(scenario.Project, "update", "--no-input");

        Assert.True(updated.ExitCode == 0, updated.All);
        var after = scenario.Tree(scenario.Project);
        foreach (var path in Files(before)) Assert.True(before[path] == after[path], $"{path} changed on update");
        Assert.Contains("  replicas: 2\n", after[Folder + "server.yaml"]);
    }

    [Theory]
    [InlineData("CloudBuild")]
    [InlineData("DeploymentInfrastructure")]
    public void Destroying_the_pipeline_or_the_front_door_takes_the_docs_app_with_it(string destroyed)
    {
        using var scenario = Project(CloudBuildCliSpecs.SampleArgs, GatewayCliSpecs.SampleArgs);

        var result = scenario.MxIn(scenario.Project, "destroy", destroyed, "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var tree = scenario.Tree(scenario.Project);
        Assert.DoesNotContain(tree.Keys, p => p.StartsWith(Folder, StringComparison.Ordinal));
        Assert.DoesNotContain("docsApp", tree[ClusterProgram]);
        Assert.DoesNotContain("../../k8s/docs", tree[PlatformProgram]);
    }

    [Fact]
    public void A_streamlit_app_cannot_take_the_docs_name()
    {
        using var scenario = Project(GatewayCliSpecs.SampleArgs);

        var result = scenario.MxIn(scenario.Project, "generate", "StreamlitApp", "--name", "docs", "--no-input");

        CliScenario.AssertBadInput(result, "'docs' is the name of another app behind the Gateway (the published docs");
        Assert.DoesNotContain(scenario.Tree(scenario.Project).Keys, p => p.StartsWith("infra/k8s/apps/", StringComparison.Ordinal));
    }

    private static string[] Files(IDictionary<string, string> tree) =>
        tree.Keys.Where(p => !p.StartsWith(".mx/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    // The program's resources and outputs, each as its YAML text, by name.
    private static SortedDictionary<string, string> Entries(string program)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(program));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var section in new[] { "resources", "outputs" }.Where(s => root.Children.ContainsKey(s)))
            foreach (var (key, value) in (YamlMappingNode)root[section])
                entries[$"{(section == "outputs" ? "output:" : "")}{key}"] = Serialise(value);
        return entries;
    }

    private static string Serialise(YamlNode node)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
