using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Monitoring;

/// <summary>
/// The acme-vision skeleton with GpuMonitoring applied with its defaults, as in samples/acme-vision-monitoring,
/// generated in process by the same service the CLI calls, for the validity tests.
/// </summary>
public sealed class MonitoringProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    public MonitoringProject()
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','));
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        Root = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Path) { Flags = flags }).Root;
        service.Generate(new GenerateRequest("GpuMonitoring", Root));
        Files = DirectorySnapshot.Read(Root);
    }

    public string Root { get; }

    public SortedDictionary<string, string> Files { get; }

    public void Dispose() => _dir.Dispose();
}
