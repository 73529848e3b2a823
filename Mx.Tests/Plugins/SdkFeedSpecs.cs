using System.IO.Compression;
using System.Xml.Linq;
using Mx.Generators;
using Mx.Plugins;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Plugins;

/// <summary><c>mx plugin sdk</c>: the SDK packages mx carries, written into a folder feed for plugin projects.</summary>
public class SdkFeedSpecs
{
    [Fact]
    public void The_feed_holds_the_sdk_packages_of_this_mx_with_their_dependencies()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("plugin", "sdk", "--output", "feed/sdk");
        Assert.True(result.ExitCode == 0, result.All);

        var version = GenerationService.MxVersion;
        var generators = Nuspec(Path.Combine(scenario.Path, "feed", "sdk", $"Mx.Generators.{version}.nupkg"));
        Assert.Equal(version, generators.Version);
        Assert.Contains(("Mx.Templates", version), generators.Dependencies);
        var templates = Nuspec(Path.Combine(scenario.Path, "feed", "sdk", $"Mx.Templates.{version}.nupkg"));
        Assert.Contains(templates.Dependencies, d => d.Id == "Scriban.Signed");
        Assert.Equal(2, Directory.GetFiles(Path.Combine(scenario.Path, "feed", "sdk")).Length);
    }

    [Fact]
    public void Writing_the_feed_again_replaces_the_packages_in_place()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx("plugin", "sdk").ExitCode);
        var package = Path.Combine(scenario.Path, "sdk", $"Mx.Generators.{GenerationService.MxVersion}.nupkg");
        File.WriteAllText(package, "truncated");
        Assert.Equal(0, scenario.Mx("plugin", "sdk").ExitCode);
        Assert.Equal("Mx.Generators", Nuspec(package).Id);
    }

    [Fact]
    public void An_output_that_is_a_file_is_refused()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "sdk"), "a file");
        CliScenario.AssertBadInput(scenario.Mx("plugin", "sdk", "--output", "sdk"), "sdk is a file", "Give a folder for the feed");
    }

    [Fact]
    public void An_mx_without_sdk_packages_says_how_to_get_them_and_writes_nothing()
    {
        using var empty = new TempDirectory();
        using var output = new TempDirectory();
        var error = Assert.Throws<MxException>(() => new SdkFeed(empty.Path).Export(output.Combine("sdk")));
        Assert.Contains("carries no generator SDK package", error.Message);
        Assert.Contains("dotnet tool install", error.Message);
        Assert.False(Directory.Exists(output.Combine("sdk")));
    }

    private static (string Id, string Version, List<(string Id, string Version)> Dependencies) Nuspec(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(d => ((string)d.Attribute("id")!, (string)d.Attribute("version")!)).ToList();
        return (Value("id"), Value("version"), dependencies);
    }
}
