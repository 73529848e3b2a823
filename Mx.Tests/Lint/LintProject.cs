using Mx.Lint;
using Mx.Lint.Internal.Python;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

/// <summary>A throw-away project to lint: a copy of a fixture or files written by the test.</summary>
internal sealed class LintProject : IDisposable
{
    public static readonly DateOnly Today = new(2026, 1, 15);

    public const string State = """
        schema: 1
        mx_version: 0.1.0
        answers:
          gcp_project: acme-prod
          project_name: acme
          region: europe-west4
        generators: []
        deployments: []
        files: {}
        """;

    private readonly TempDirectory _dir = new();

    public string Root => _dir.Path;

    public static LintProject CopyOf(string directory)
    {
        var project = new LintProject();
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(project.Root, Path.GetRelativePath(directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return project;
    }

    public static LintProject Fixture(string name) => CopyOf(Path.Combine(Repository.Root, "Mx.Tests", "Fixtures", name));

    public static LintProject With(params (string Path, string Content)[] files)
    {
        var project = new LintProject();
        foreach (var (path, content) in files) project.Write(path, content);
        return project;
    }

    public LintProject Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public LintReport Lint(IToolRunner? tools = null, bool useCache = false, bool fix = false, string? baseline = null, params string[] paths) =>
        new Linter(tools ?? new RecordedTools("", "")).Run(new LintRequest(Root)
        {
            UseCache = useCache, Fix = fix, BaselinePath = baseline, Paths = paths, Today = Today,
        });

    public void Dispose() => _dir.Dispose();
}
