using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Serving;

/// <summary>
/// The acme-vision skeleton with ModelServing applied, as in samples/acme-vision-serving (defaults) and with a GPU
/// serving shape, generated in process by the same service the CLI calls, for the validity tests.
/// </summary>
public sealed class ServingProject : IDisposable
{
    private readonly TempDirectory _cpu = new();
    private readonly TempDirectory _gpu = new();

    public ServingProject()
    {
        CpuRoot = Generate(_cpu.Path, Answers.Empty);
        GpuRoot = Generate(_gpu.Path, Answers.Empty.With("serving_shape", "l4-1").With("serving_min_replicas", 2L).With("serving_max_replicas", 4L));
        Files = DirectorySnapshot.Read(CpuRoot);
        GpuFiles = DirectorySnapshot.Read(GpuRoot);
    }

    private static string Generate(string directory, Answers servingFlags)
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','));
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        var root = service.Generate(new GenerateRequest("MLProjectSkeleton", directory) { Flags = flags }).Root;
        service.Generate(new GenerateRequest("ModelServing", root) { Flags = servingFlags });
        return root;
    }

    /// <summary>The project generated with ModelServing's defaults (cpu, 1-2 replicas).</summary>
    public string CpuRoot { get; }

    public SortedDictionary<string, string> Files { get; }

    /// <summary>The project generated with --serving-shape l4-1 --min-replicas 2 --max-replicas 4.</summary>
    public string GpuRoot { get; }

    public SortedDictionary<string, string> GpuFiles { get; }

    public void Dispose()
    {
        _cpu.Dispose();
        _gpu.Dispose();
    }
}
