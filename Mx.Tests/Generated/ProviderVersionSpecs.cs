using System.Text.Json;
using Mx.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Generated;

/// <summary>
/// Every Pulumi program mx writes runs on the provider plugins the schema index was built from, never on whatever
/// pulumi finds newest: a newer plugin may rename or drop a property the validity tests passed.
/// </summary>
public class ProviderVersionSpecs
{
    private static readonly Dictionary<string, string> IndexedVersions = ReadIndexedVersions();

    public static TheoryData<string> Programs() => new(ProgramPaths());

    private static IEnumerable<string> ProgramPaths() =>
        Directory.EnumerateFiles(Repository.Samples, "Main.yaml", SearchOption.AllDirectories)
            .Where(path => File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "Pulumi.yaml")) || path.Contains("platform-programs", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Repository.Samples, path))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_samples_hold_the_programs_of_every_generator_and_the_schema_index_names_the_three_providers()
    {
        var programs = ProgramPaths().ToArray();
        Assert.Contains(Path.Combine("acme-vision", "infra", "pulumi", "cluster", "Main.yaml"), programs);
        Assert.Contains(Path.Combine("acme-vision-cloudsql", "infra", "pulumi", "platform", "Main.yaml"), programs);
        Assert.Contains(Path.Combine("acme-vision-dataflow", "infra", "pulumi", "dataflow-etl", "Main.yaml"), programs);
        Assert.Equal(new Dictionary<string, string> { ["gcp"] = "9.37.0", ["kubernetes"] = "4.34.2", ["random"] = "4.21.2" }, IndexedVersions);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void Every_provider_a_program_uses_is_pinned_to_the_version_of_the_schema_index(string program)
    {
        var problems = Problems(File.ReadAllText(Path.Combine(Repository.Samples, program)));

        Assert.True(problems.Count == 0, $"{program}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void A_resource_on_an_unpinned_default_provider_is_reported()
    {
        const string program = """
            resources:
              gcp:
                type: pulumi:providers:gcp
                options:
                  version: 9.37.0
              bucket:
                type: gcp:storage:Bucket
                properties:
                  location: EU
              password:
                type: random:RandomPassword
                properties:
                  length: 8
              ns:
                type: kubernetes:core/v1:Namespace
                options:
                  provider: ${kube}
              kube:
                type: pulumi:providers:kubernetes
                options:
                  version: 4.30.0
            """;

        var problems = Problems(program);

        Assert.Contains(problems, p => p.StartsWith("bucket:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("password:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("kube:", StringComparison.Ordinal) && p.Contains("4.34.2", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("ns:", StringComparison.Ordinal));
    }

    /// <summary>
    /// A resource is pinned when it names a provider resource with the indexed version, or when its package has a
    /// default provider (<c>defaultProvider: true</c>, which Pulumi YAML gives every resource without a provider)
    /// with that version.
    /// </summary>
    private static List<string> Problems(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var resources = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["resources"];
        var providers = new Dictionary<string, (string Package, string? Version, bool IsDefault)>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (key, value) in resources.Children)
        {
            var resource = (YamlMappingNode)value;
            var type = resource["type"].ToString();
            if (!type.StartsWith("pulumi:providers:", StringComparison.Ordinal)) continue;
            var package = type["pulumi:providers:".Length..];
            var version = Option(resource, "version");
            var isDefault = resource.Children.TryGetValue(new YamlScalarNode("defaultProvider"), out var d) && d.ToString() == "true";
            providers[key.ToString()] = (package, version, isDefault);
            if (!IndexedVersions.TryGetValue(package, out var wanted))
                problems.Add($"{key}: provider package {package} is not in the schema index");
            else if (version != wanted)
                problems.Add($"{key}: the {package} provider has version {version ?? "(none)"}, not {wanted}");
        }
        foreach (var (key, value) in resources.Children)
        {
            var resource = (YamlMappingNode)value;
            var type = resource["type"].ToString();
            var package = type.Split(':')[0];
            if (package == "pulumi") continue;
            if (Option(resource, "provider") is { } reference)
            {
                var name = reference.Trim('$', '{', '}');
                if (!providers.TryGetValue(name, out var provider) || provider.Package != package)
                    problems.Add($"{key}: names provider {reference}, which is not a {package} provider resource of the program");
                continue;
            }
            if (!providers.Values.Any(p => p.Package == package && p.IsDefault))
                problems.Add($"{key}: {type} runs on an implicit {package} provider, whose version pulumi picks; declare a pulumi:providers:{package} with defaultProvider: true and options.version");
            if (Option(resource, "version") is { } own && IndexedVersions.TryGetValue(package, out var pinned) && own != pinned)
                problems.Add($"{key}: has its own version {own}, not {pinned}");
        }
        var used = resources.Children.Values.Select(r => ((YamlMappingNode)r)["type"].ToString().Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, provider) in providers)
            if (!used.Contains(provider.Package))
                problems.Add($"{name}: no resource uses the {provider.Package} provider, yet pulumi would install its plugin");
        return problems;
    }

    private static string? Option(YamlMappingNode resource, string name) =>
        resource.Children.TryGetValue(new YamlScalarNode("options"), out var options) && options is YamlMappingNode map
        && map.Children.TryGetValue(new YamlScalarNode(name), out var value) ? value.ToString() : null;

    private static Dictionary<string, string> ReadIndexedVersions()
    {
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "Mx.Tests", "Schemas", "pulumi-schema-index.json")));
        return index.RootElement.GetProperty("packages").EnumerateObject()
            .ToDictionary(p => p.Name["@pulumi/".Length..], p => p.Value.GetString()!, StringComparer.Ordinal);
    }
}
