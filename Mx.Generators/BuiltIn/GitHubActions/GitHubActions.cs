using System.Text.RegularExpressions;
using Mx.Generators.BuiltIn.Docs;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.GitHubActions;

/// <summary>
/// CI/CD on GitHub Actions: a workflow whose check job builds the image, runs the tests and the docs build in it and
/// uploads mx lint's SARIF to code scanning, and whose publish job (pushes to the release branch only) pushes the
/// image, the docs and the Python package as a release account reached through Workload Identity Federation, with a
/// pool and a provider restricted to the repository and branch in the cluster program. Actions are pinned by commit.
/// With the front door (DeploymentInfrastructure) the docs are also served behind IAP (<see cref="DocsApp"/>).
/// </summary>
internal sealed partial class GitHubActions : IGenerator
{
    public const string GeneratorName = "GitHubActions";

    /// <summary>The actions the workflow uses, each pinned to the commit its release tag pointed at (read from the action's repository).</summary>
    internal static readonly IReadOnlyDictionary<string, (string Action, string Tag, string Commit)> Actions =
        new Dictionary<string, (string, string, string)>(StringComparer.Ordinal)
        {
            ["checkout"] = ("actions/checkout", "v7.0.1", "3d3c42e5aac5ba805825da76410c181273ba90b1"),
            ["setup_dotnet"] = ("actions/setup-dotnet", "v6.0.0", "a98b56852c35b8e3190ac28c8c2271da59106c68"),
            ["setup_python"] = ("actions/setup-python", "v7.0.0", "5fda3b95a4ea91299a34e894583c3862153e4b97"),
            ["upload_sarif"] = ("github/codeql-action/upload-sarif", "v4.36.2", "8aad20d150bbac5944a9f9d289da16a4b0d87c1e"),
            ["auth"] = ("google-github-actions/auth", "v3.0.0", "7c6bc770dae815cd3e89ee6cdf493a5fab2cc093"),
            ["setup_gcloud"] = ("google-github-actions/setup-gcloud", "v3.0.1", "aa5489c8933f4cc7a4f7d45035b3b1440c9c10db"),
        };

    /// <summary>The cluster program's resource of the docs bucket the pipeline publishes to.</summary>
    public const string DocsBucketResource = "githubActionsDocsBucket";

    private readonly GitHubActionsTemplates _templates;

    public GitHubActions() => _templates = new GitHubActionsTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "CI/CD on GitHub Actions: checks with SARIF upload; the release branch publishes through Workload Identity Federation.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];

    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("github_repo", ParameterType.String, "GitHub repository the workflows run in, as owner/name")
        {
            Validate = (value, _) => GitHubRepository.Problem((string)value),
            ValidationDescription = "owner/name of a github.com repository",
        },
        new("release_branch", ParameterType.String, "Branch whose pushes publish; pull requests into it are checked")
        {
            Default = _ => "main",
            Validate = (value, _) => BranchName().IsMatch((string)value) && !((string)value).Contains("..", StringComparison.Ordinal) ? null
                : $"'{value}' cannot be a git branch name here: use letters, digits, '-', '_', '.' and '/', without '..', such as main or release/v1.",
            ValidationDescription = "a git branch name",
        },
    ];

    /// <summary>The variables the templates and the cluster program fragment see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        OnePipeline.RefuseBeside(GeneratorName, context.State);
        var a = context.Answers;
        var skeleton = SkeletonAnswers.From(a);
        var name = skeleton.ProjectName;
        var repo = a.GetString("github_repo");
        var branch = a.GetString("release_branch");
        var engineers = a.TryGetValue("engineers", out var listed) ? (IReadOnlyList<string>)listed : [];
        var poolId = ("gh-" + name)[..Math.Min(32, 3 + name.Length)].TrimEnd('-');
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = name,
            ["gcp_project"] = skeleton.GcpProject,
            ["region"] = skeleton.Region,
            ["bucket_location"] = skeleton.Region.ToUpperInvariant(),
            ["python_version"] = a.GetString("python_version"),
            ["github_repo"] = repo,
            ["release_branch"] = branch,
            ["attribute_condition"] = $"assertion.repository == '{repo}' && assertion.ref == 'refs/heads/{branch}'",
            ["pool_id"] = poolId,
            ["release_sa"] = $"{name}-gha",
            ["release_sa_email"] = $"{name}-gha@{skeleton.GcpProject}.iam.gserviceaccount.com",
            ["registry"] = skeleton.Registry,
            ["python_registry"] = skeleton.PythonRegistry,
            ["docs_bucket"] = skeleton.DocsBucket,
            ["docs_output"] = ProjectDocs.OutputDirectory,
            ["docs_requirements"] = string.Join(' ', ProjectDocs.Requirements.Select(r => $"'{r}'")),
            ["sphinx_arguments"] = string.Join(' ', ProjectDocs.SphinxArguments),
            ["engineer_accounts"] = engineers.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(e => new Dictionary<string, object?> { ["email"] = e, ["id"] = NamingFunctions.KebabCase(e) }).ToArray(),
            ["actions"] = Actions.ToDictionary(p => p.Key, p => (object?)new Dictionary<string, object?> { ["tag"] = p.Value.Tag, ["commit"] = p.Value.Commit }),
            ["dotnet_version"] = CloudBuild.CloudBuild.DotnetVersion,
            ["mx_version"] = GenerationService.MxVersion,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        var model = Model(context);
        return DocsApp.AddTo(new Plan(own.Files, own.Deployments,
        [
            ClusterProgramFragment.Edit("GitHubActionsClusterProgram", "githubActions",
                "add GitHub Actions' workload identity pool and provider, release account and docs bucket", model),
        ]), context, GeneratorName);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./-]{0,99}\z")]
    private static partial Regex BranchName();
}
