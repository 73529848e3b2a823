using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// README's acme-vision skeleton, and the same skeleton with DistributedTraining (TrainJob) applied, rendered fresh
/// from the current templates by the service the CLI calls, for the tests that run their trainers.
/// </summary>
public sealed class TrainableProjects : IDisposable
{
    private readonly TempDirectory _dir = new();

    public TrainableProjects()
    {
        Skeleton = Generate("skeleton", distributed: false);
        Distributed = Generate("distributed", distributed: true);
    }

    public string Skeleton { get; }

    public string Distributed { get; }

    public string Root(string project) => project switch
    {
        "skeleton" => Skeleton,
        "distributed" => Distributed,
        _ => throw new ArgumentOutOfRangeException(nameof(project), project, "skeleton or distributed"),
    };

    private string Generate(string name, bool distributed)
    {
        var args = CliScenario.AcmeVision;
        string Flag(string flag) => args[Array.IndexOf(args, flag) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','));
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        Directory.CreateDirectory(_dir.Combine(name));
        var root = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Combine(name)) { Flags = flags }).Root;
        if (distributed)
            service.Generate(new GenerateRequest("DistributedTraining", root) { Flags = Answers.Empty.With("training_operator", "trainjob") });
        return root;
    }

    public void Dispose() => _dir.Dispose();
}
