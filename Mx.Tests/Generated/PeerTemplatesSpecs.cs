using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Support;

namespace Mx.Tests.Generated;

/// <summary>
/// bench/startup.sh times mx against cookiecutter and dotnet new rendering the same files; the peers' templates are
/// made from mx's own render (bench/make-peer-templates.py), so they fall behind whenever the skeleton changes.
/// </summary>
public class PeerTemplatesSpecs
{
    // The dotnet-new template's sourceName: instantiated with it, the template is the render it was made from.
    private const string SourceName = "mxbenchskeletonname";

    [Fact]
    public void The_benchmarks_peer_templates_render_what_mx_generates_today()
    {
        using var dir = new TempDirectory();
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        var root = service.Generate(new GenerateRequest("MLProjectSkeleton", dir.Path) { Flags = Answers.Empty.With("project_name", SourceName) }).Root;
        static bool Compared(string path) => !path.StartsWith(".mx/", StringComparison.Ordinal) && !path.StartsWith(".template.config/", StringComparison.Ordinal);

        var rendered = DirectorySnapshot.Read(root).Where(f => Compared(f.Key)).ToDictionary();
        var template = DirectorySnapshot.Read(Path.Combine(Repository.Root, "bench", "templates", "dotnet-new")).Where(f => Compared(f.Key)).ToDictionary();

        var stale = rendered.Keys.Union(template.Keys).Where(p => rendered.GetValueOrDefault(p) != template.GetValueOrDefault(p)).Order().ToArray();
        Assert.True(stale.Length == 0,
            $"bench/templates differs from mx's render in {string.Join(", ", stale)}; regenerate it: REGEN_TEMPLATES=1 bash bench/startup.sh " +
            "(or bench/make-peer-templates.py, see bench/README.md)");
    }
}
