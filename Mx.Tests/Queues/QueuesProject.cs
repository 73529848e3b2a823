using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Queues;

/// <summary>
/// The acme-vision skeleton with GpuQueues applied as in the sample (cpu, l4-1, l4-2 Spot), generated in process by
/// the same service the CLI calls, for the validity tests.
/// </summary>
public sealed class QueuesProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    public QueuesProject()
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','));
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        Root = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Path) { Flags = flags }).Root;
        service.Generate(new GenerateRequest("GpuQueues", Root)
        {
            Flags = Answers.Empty.With("queue_shapes", new[] { "cpu", "l4-1", "l4-2" }).With("queue_max_nodes", new[] { "l4-2=1" }).With("queue_spot", new[] { "l4-2" }),
        });
        Files = DirectorySnapshot.Read(Root);
    }

    public string Root { get; }

    public SortedDictionary<string, string> Files { get; }

    public void Dispose() => _dir.Dispose();
}
