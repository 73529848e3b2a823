using Mx.Generators.BuiltIn.Gateway;
using Mx.Generators.BuiltIn.Skeleton;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Docs;

/// <summary>
/// The published docs behind the project's front door, at <c>https://docs.SUBDOMAIN.DOMAIN</c>: a static web server in
/// the cluster that reads the private docs bucket through GKE's Cloud Storage FUSE CSI driver, as a Google service
/// account that may only read that bucket, with its route behind Identity-Aware Proxy (through <see cref="GatewayApp"/>).
/// It exists when the project has a pipeline that publishes the docs (CloudBuild or GitHubActions) and
/// DeploymentInfrastructure: whichever of them is applied second adds it, and both render it again on <c>mx update</c>.
/// </summary>
internal static class DocsApp
{
    public const string App = "docs";
    public const string Deployment = "docs";
    public const string Namespace = "docs";
    public const string ServiceAccount = "docs-site";
    public const string Service = "docs";
    public const int Port = 8080;

    /// <summary>Answered by the server itself, so the load balancer sees it healthy before the first docs are published.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>
    /// nginx's unprivileged image (user 101, port 8080, pid and temporary files under /tmp), so the server runs under the
    /// restricted Pod Security Standard with a read-only root file system; the digest is 1.29.4-alpine's multi-arch index.
    /// </summary>
    public const string ServerImage = "nginxinc/nginx-unprivileged:1.29.4-alpine@sha256:a6c4f61f456b85b8fdf7ec7ab28cc3e299440e6fb4a9dea520e5fd8fd440025e";

    /// <summary>Whether the project serves its docs behind the front door.</summary>
    public static bool IsServed(ProjectState state) => IsServed(state, planning: "");

    /// <summary>Whether the project serves its docs behind the front door once generator <paramref name="planning"/> is applied.</summary>
    public static bool IsServed(ProjectState state, string planning) => Publisher(state, planning) is not null
        && (planning == DeploymentInfrastructure.GeneratorName || state.HasApplied(DeploymentInfrastructure.GeneratorName));

    /// <summary>
    /// <paramref name="own"/> with the docs site added when the project serves its docs (see <see cref="IsServed(ProjectState, string)"/>):
    /// its manifests under <c>infra/k8s/docs</c>, the deployment in the platform program, and its service account in the
    /// cluster program. Both generators plan the manifests, so destroying either removes them; only the one applied
    /// second edits the programs, so a render of the programs (mx update) adds the entries where they were added first.
    /// </summary>
    public static Plan AddTo(Plan own, GeneratorContext context, string planning)
    {
        var state = context.State;
        if (!IsServed(state, planning)) return own;
        var publisher = Publisher(state, planning)!;
        var model = Model(context.Answers, OnePipeline.DocsBucketResources[publisher]);
        var files = TemplateRenderer.RenderFolder(EmbeddedTemplates.Folder(typeof(TemplateRenderer).Assembly, "DocsApp"), model)
            .Select(f => new FileEffect(f.Key, f.Value))
            .Append(new FileEffect($"infra/k8s/{Deployment}/route.yaml", "# Managed by mx (the published docs).\n" + GatewayApp.Manifests(context.Answers,
                new GatewayBackend(App, Namespace, Service, Port, HealthPath))));
        string[] deployments = [Deployment];
        var other = planning == DeploymentInfrastructure.GeneratorName ? publisher : DeploymentInfrastructure.GeneratorName;
        FileEdit[] edits = AppliedSecond(state, planning, other)
            ? [PlatformProgram.Enable(deployments), ClusterProgramFragment.Edit("DocsAppClusterProgram", "docsApp", "add the docs site's service account (reads the docs bucket only)", model)]
            : [];
        return new Plan([.. own.Files, .. files], [.. own.Deployments, .. deployments], [.. own.Edits, .. edits]);
    }

    // A generator being applied now comes after every one in state.
    private static bool AppliedSecond(ProjectState state, string planning, string other)
    {
        var order = state.Generators.Select(g => g.Name).ToList();
        return !order.Contains(planning) || order.IndexOf(planning) > order.IndexOf(other);
    }

    public static string ServiceAccountId(Answers answers) => $"{answers.GetString("project_name")}-docs";

    private static string? Publisher(ProjectState state, string planning) =>
        OnePipeline.DocsBucketResources.ContainsKey(planning) ? planning : OnePipeline.Applied(state);

    private static Dictionary<string, object?> Model(Answers answers, string bucketResource)
    {
        var skeleton = SkeletonAnswers.From(answers);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = skeleton.ProjectName,
            ["gcp_project"] = skeleton.GcpProject,
            ["host"] = FrontDoor.AppHost(answers, App),
            ["namespace"] = Namespace,
            ["service_account"] = ServiceAccount,
            ["service"] = Service,
            ["docs_sa"] = ServiceAccountId(answers),
            ["docs_sa_email"] = $"{ServiceAccountId(answers)}@{skeleton.GcpProject}.iam.gserviceaccount.com",
            ["docs_bucket"] = skeleton.DocsBucket,
            ["docs_bucket_ref"] = $"${{{bucketResource}.name}}",
            ["server_image"] = ServerImage,
            ["port"] = Port,
            ["health_path"] = HealthPath,
        };
    }
}
