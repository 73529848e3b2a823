using System.Text.RegularExpressions;
using Mx.Generators.BuiltIn.Docs;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Generators.BuiltIn.Skeleton;

namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// Where the project's Streamlit apps live and what they are called: one kustomize directory per app under
/// <c>infra/k8s/apps/NAME</c>, all applied by the platform deployment <c>apps</c>; a namespace per app; one image per
/// app, built from the Dockerfile stage <c>app-NAME</c>. <c>mx app deploy</c> and <c>mx app logs</c> use the same names.
/// </summary>
internal static partial class StreamlitApps
{
    /// <summary>The platform deployment (and kustomize directory under infra/k8s) that applies every app.</summary>
    public const string Deployment = "apps";

    /// <summary>The kustomization that lists the apps and holds the image tag each was last deployed with.</summary>
    public const string AppsKustomization = "infra/k8s/apps/kustomization.yaml";

    /// <summary>The tag an app's image has until <c>mx app deploy</c> builds one.</summary>
    public const string UndeployedTag = "set-by-mx-app-deploy";

    public const string ContainerName = "app";
    public const int Port = 8501;

    /// <summary>Streamlit's own health endpoint (200 "ok" once the server runs), probed by kubelet and the load balancer.</summary>
    public const string HealthPath = "/_stcore/health";

    /// <summary>The streamlit release the apps pin: the newest on PyPI when StreamlitApp was written.</summary>
    public const string StreamlitVersion = "1.67.0";

    /// <summary>The optional dependency group of pyproject.toml the app images install.</summary>
    public const string DependencyGroup = "app";

    // Apps of other generators reach the same Gateway under these names.
    private static readonly Dictionary<string, string> OtherApps = new(StringComparer.Ordinal)
    {
        ["serve"] = "ModelServing's served models",
        ["label"] = "LabelingTool's CVAT",
        [DocsApp.App] = "the published docs",
    };

    /// <summary>The namespace of app <paramref name="name"/>, labelled so the MLflow tracking server's network policy admits it.</summary>
    public static string Namespace(string name) => $"app-{name}";

    public static string Folder(string name) => $"infra/k8s/apps/{name}";

    /// <summary>The Dockerfile stage the app's image is built from.</summary>
    public static string Stage(string name) => $"app-{name}";

    /// <summary>The image name the manifests use; the apps kustomization maps it to the registry and the deployed tag.</summary>
    public static string ImageName(string project, string name) => $"{project}-app-{name}";

    /// <summary>The app's image in the project's Artifact Registry repository, without a tag.</summary>
    public static string Image(Answers answers, string name) =>
        $"{SkeletonAnswers.RegistryOf(answers)}/{ImageName(answers.GetString("project_name"), name)}";

    /// <summary>The apps this project has, from the files mx recorded for them in state.</summary>
    public static IReadOnlyList<string> InState(ProjectState state)
    {
        var apps = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in state.Files.Keys)
            if (AppKustomization().Match(path) is { Success: true } match) apps.Add(match.Groups[1].Value);
        return apps.ToArray();
    }

    /// <summary>Null when <paramref name="name"/> can name a new app of the project; else what is wrong.</summary>
    internal static string? NameProblem(string name, Answers answers)
    {
        if (!Name().IsMatch(name))
            return $"'{name}' cannot name a Streamlit app: it becomes its hostname's first label, a namespace, an image and a Python module, " +
                   "so use 1-40 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit (e.g. demo, defect-viewer).";
        if (OtherApps.TryGetValue(name, out var other))
            return $"'{name}' is the name of another app behind the Gateway ({other}, at {name}.SUBDOMAIN); choose another --name, such as demo.";
        if (FrontDoor.IsConfigured(answers) && FrontDoor.AppHost(answers, name).Length > 253)
            return $"{FrontDoor.AppHost(answers, name)} is longer than a DNS name may be; choose a shorter --name.";
        return null;
    }

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,38}[a-z0-9])?\\z")]
    private static partial Regex Name();

    [GeneratedRegex("^infra/k8s/apps/([a-z0-9-]+)/kustomization\\.yaml\\z")]
    private static partial Regex AppKustomization();
}
