using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Generated;

/// <summary>The acme-vision skeleton generated once (in process, by the same service the CLI calls) for the validity tests.</summary>
public class GeneratedProject : IDisposable
{
    private readonly TempDirectory _dir = new();

    public GeneratedProject() : this(Answers.Empty)
    {
    }

    /// <param name="extraFlags">Answers given beyond README's documented command.</param>
    protected GeneratedProject(Answers extraFlags)
    {
        var args = CliScenario.AcmeVision;
        string Flag(string name) => args[Array.IndexOf(args, name) + 1];
        var flags = Answers.Empty
            .With("project_name", Flag("--name")).With("gcp_project", Flag("--gcp-project")).With("region", Flag("--region"))
            .With("gpu_type", Flag("--gpu-type")).With("engineers", Flag("--engineers").Split(','))
            .WithAll(extraFlags);
        var service = new GenerationService(new GeneratorCatalog(BuiltInGenerators.All), prompter: null);
        var outcome = service.Generate(new GenerateRequest("MLProjectSkeleton", _dir.Path) { Flags = flags });
        Root = outcome.Root;
        Files = DirectorySnapshot.Read(Root);
    }

    public string Root { get; }

    public SortedDictionary<string, string> Files { get; }

    public IEnumerable<KeyValuePair<string, string>> Matching(Func<string, bool> predicate) => Files.Where(f => predicate(f.Key));

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The same project with MLflow's database on Cloud SQL.</summary>
public sealed class CloudSqlGeneratedProject() : GeneratedProject(Answers.Empty.With("mlflow_database", "cloud-sql"));
