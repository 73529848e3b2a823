using System.Text.RegularExpressions;
using Mx.Generators.BuiltIn.Docs;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.CloudBuild;

/// <summary>
/// CI/CD on Cloud Build: cloudbuild.yaml (image with layer cache, tests in the image, mx lint, the docs, and on the
/// main branch publishing the image, the docs to a private bucket and the Python package), a docs page, and in the
/// cluster program the API, two service accounts (pull-request checks that can publish nothing, main-branch
/// releases), the cache repository, the docs bucket, a 2nd-gen GitHub connection and, once it is authorised, the
/// repository and its two triggers. With the front door (DeploymentInfrastructure) the docs are also served behind IAP
/// (<see cref="DocsApp"/>).
/// </summary>
internal sealed partial class CloudBuild : IGenerator
{
    public const string GeneratorName = "CloudBuild";

    /// <summary>The .NET SDK image that installs mx as a tool; mx targets .NET 10.</summary>
    public const string DotnetVersion = "10.0";

    /// <summary>
    /// The cluster stack's output holding the link that authorises the GitHub connection, while it waits for that;
    /// mx up shows it as the one manual step.
    /// </summary>
    public const string AuthorizationOutput = "cloudBuildGithubAuthorization";

    /// <summary>The cluster program's resource of the docs bucket the pipeline publishes to.</summary>
    public const string DocsBucketResource = "cloudBuildDocsBucket";

    private readonly CloudBuildTemplates _templates;

    public CloudBuild() => _templates = new CloudBuildTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "CI/CD on Cloud Build: build, test, lint and docs for pull requests; the main branch also publishes the image, docs and Python package.";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];

    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("github_repo", ParameterType.String, "GitHub repository the builds come from, as owner/name")
        {
            Validate = (value, _) => GitHubRepository.Problem((string)value),
            ValidationDescription = "owner/name of a github.com repository",
        },
        new("github_branch", ParameterType.String, "Branch regex (RE2): pull requests into it are checked, pushes to it also publish")
        {
            Default = _ => "^main$",
            Validate = (value, _) => BranchProblem((string)value),
            ValidationDescription = "a regular expression in RE2 syntax (no lookaround or backreferences)",
        },
        new("cloudbuild_region", ParameterType.String, "Region of the GitHub connection, the triggers and the builds")
        {
            OptionName = "build-region",
            Default = a => a.GetString("region"),
            DefaultDescription = "the project's region",
            Validate = (value, _) => RegionPattern().IsMatch((string)value) ? null
                : "write a Google Cloud region such as europe-west4 or us-central1 (lowercase letters, a dash, letters and a number).",
            ValidationDescription = "a Google Cloud region",
        },
        new("github_connected", ParameterType.Boolean, "Whether you authorised the GitHub connection (the link mx up prints); adds the repository and the triggers")
        {
            Default = _ => false,
            ValidationDescription = "true once the connection is COMPLETE",
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
        var engineers = a.TryGetValue("engineers", out var listed) ? (IReadOnlyList<string>)listed : [];
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = name,
            ["gcp_project"] = skeleton.GcpProject,
            ["region"] = skeleton.Region,
            ["bucket_location"] = skeleton.Region.ToUpperInvariant(),
            ["cloudbuild_region"] = a.GetString("cloudbuild_region"),
            ["github_repo"] = repo,
            ["github_repo_name"] = repo.Split('/')[1],
            ["github_branch"] = a.GetString("github_branch"),
            ["github_connected"] = a.GetBool("github_connected"),
            ["connection_name"] = $"{name}-github",
            ["check_sa"] = $"{name}-ci",
            ["release_sa"] = $"{name}-release",
            ["registry"] = skeleton.Registry,
            ["cache_registry"] = skeleton.BuildCacheRegistry,
            ["python_registry"] = skeleton.PythonRegistry,
            ["docs_bucket"] = skeleton.DocsBucket,
            ["docs_output"] = ProjectDocs.OutputDirectory,
            ["docs_requirements"] = string.Join(' ', ProjectDocs.Requirements.Select(r => $"'{r}'")),
            ["sphinx_arguments"] = string.Join(' ', ProjectDocs.SphinxArguments),
            ["engineer_accounts"] = engineers.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(e => new Dictionary<string, object?> { ["email"] = e, ["id"] = NamingFunctions.KebabCase(e) }).ToArray(),
            ["dotnet_version"] = DotnetVersion,
            ["mx_version"] = GenerationService.MxVersion,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        var model = Model(context);
        return DocsApp.AddTo(new Plan(own.Files, own.Deployments,
        [
            ClusterProgramFragment.Edit("CloudBuildClusterProgram", "cloudBuild", "add Cloud Build's connection, service accounts, docs bucket and cache repository", model),
            DocsToctree.Edit(DocsToctree.Ci),
        ]), context, GeneratorName);
    }

    // Cloud Build matches branches with RE2, which has no lookaround and no backreferences; .NET's parser checks
    // the rest of the syntax.
    private static string? BranchProblem(string value)
    {
        if (value.Length == 0) return "give a regular expression such as ^main$.";
        try
        {
            _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            return $"'{value}' is not a regular expression ({e.Message}); write one such as ^main$ or ^(main|release-.*)$.";
        }
        if (Re2Unsupported().Match(value) is { Success: true } construct)
            return $"'{value}' uses '{construct.Value}', which RE2 (Cloud Build's regex syntax) does not support; write it without lookaround or backreferences.";
        return null;
    }

    [GeneratedRegex(@"\(\?<?[=!]|\\[1-9]|\\k<")]
    private static partial Regex Re2Unsupported();

    [GeneratedRegex(@"^[a-z]+-[a-z]+[0-9]+\z")]
    private static partial Regex RegionPattern();
}
