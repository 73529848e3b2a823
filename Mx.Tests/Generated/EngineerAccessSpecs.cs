using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Generated;

public class EngineerAccessSpecs
{
    [Fact]
    public void Engineers_who_share_a_local_part_get_bindings_of_their_own()
    {
        using var dir = new TempDirectory();
        var flags = Answers.Empty.With("project_name", "acme-vision").With("gcp_project", "acme-vision-prod")
            .With("engineers", new[] { "ada@acme.ai", "ada@partner.io", "alan@acme.ai" });
        var outcome = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null)
            .Generate(new GenerateRequest("MLProjectSkeleton", dir.Path) { Flags = flags });

        var program = new YamlStream();
        program.Load(new StringReader(File.ReadAllText(Path.Combine(outcome.Root, "infra/pulumi/cluster/Main.yaml"))));
        var resources = (YamlMappingNode)((YamlMappingNode)program.Documents[0].RootNode)["resources"];
        string Member(string resource) => ((YamlMappingNode)((YamlMappingNode)resources[resource])["properties"])["member"].ToString();

        Assert.Equal("user:ada@acme.ai", Member("engineer-ada-acme-ai-cluster"));
        Assert.Equal("user:ada@partner.io", Member("engineer-ada-partner-io-data"));
        Assert.Equal("user:alan@acme.ai", Member("engineer-alan-images"));
    }

    [Fact]
    public void Repeated_engineers_count_once_and_addresses_whose_names_meet_get_distinct_bindings()
    {
        using var dir = new TempDirectory();
        var flags = Answers.Empty.With("project_name", "acme-vision").With("gcp_project", "acme-vision-prod")
            .With("engineers", new[] { "a.b@acme.ai", "a-b@acme.ai", "a.b@acme.ai", "A.B@acme.ai" });
        var outcome = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null)
            .Generate(new GenerateRequest("MLProjectSkeleton", dir.Path) { Flags = flags });

        // YamlDotNet refuses a mapping with a repeated key, as pulumi does.
        var text = File.ReadAllText(Path.Combine(outcome.Root, "infra/pulumi/cluster/Main.yaml"));
        var program = new YamlStream();
        program.Load(new StringReader(text));
        var resources = (YamlMappingNode)((YamlMappingNode)program.Documents[0].RootNode)["resources"];
        var members = resources.Children
            .Where(r => ((YamlScalarNode)r.Key).Value!.EndsWith("-cluster", StringComparison.Ordinal) && ((YamlScalarNode)r.Key).Value!.StartsWith("engineer-", StringComparison.Ordinal))
            .ToDictionary(r => ((YamlScalarNode)r.Key).Value!, r => ((YamlMappingNode)((YamlMappingNode)r.Value)["properties"])["member"].ToString());
        Assert.Equal(new Dictionary<string, string>
        {
            ["engineer-a-b-acme-ai-cluster"] = "user:a.b@acme.ai",
            ["engineer-a-b-acme-ai-2-cluster"] = "user:a-b@acme.ai",
        }, members);
        Assert.Single(File.ReadAllLines(Path.Combine(outcome.Root, "README.md")), l => l.Contains("a.b@acme.ai", StringComparison.OrdinalIgnoreCase));
    }
}
