using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>
/// The acme-vision skeleton with DistributedTraining applied on top, once per operator, generated in process by
/// the same service the CLI calls, for the validity tests.
/// </summary>
public sealed class DistributedProjects : IDisposable
{
    private readonly TempDirectory _dir = new();

    public DistributedProjects()
    {
        TrainJob = Generate("trainjob");
        PyTorchJob = Generate("pytorchjob");
    }

    public (string Root, SortedDictionary<string, string> Files) TrainJob { get; }

    public (string Root, SortedDictionary<string, string> Files) PyTorchJob { get; }

    public (string Root, SortedDictionary<string, string> Files) For(string trainingOperator) =>
        trainingOperator == "trainjob" ? TrainJob : PyTorchJob;

    private (string, SortedDictionary<string, string>) Generate(string trainingOperator)
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','));
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        Directory.CreateDirectory(_dir.Combine(trainingOperator));
        var root = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Combine(trainingOperator)) { Flags = flags }).Root;
        service.Generate(new GenerateRequest("DistributedTraining", root) { Flags = Answers.Empty.With("training_operator", trainingOperator) });
        return (root, DirectorySnapshot.Read(root));
    }

    public void Dispose() => _dir.Dispose();
}
