using Mx.Generators.BuiltIn.Gateway;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// A Streamlit app of the project, for demos along the way: a small app in the project's package that loads a model
/// from MLflow, its image stage in the Dockerfile, a Deployment and a Service in a namespace of its own, and its route
/// at <c>https://NAME.SUBDOMAIN.DOMAIN</c> behind Identity-Aware Proxy (through <see cref="GatewayApp"/>). A project
/// may have several; each plan renders all of them, so <c>mx update</c> keeps every app, not only the last.
/// </summary>
internal sealed class StreamlitApp : IGenerator
{
    public const string GeneratorName = "StreamlitApp";

    private readonly StreamlitAppTemplates _templates;

    public StreamlitApp() => _templates = new StreamlitAppTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "A Streamlit app that loads a model from MLflow, served at NAME.SUBDOMAIN behind IAP (mx app deploy, mx app logs).";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton", DeploymentInfrastructure.GeneratorName];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => [.. _templates.Writes, StreamlitApps.AppsKustomization, "infra/k8s/apps/<app_name>/route.yaml"];

    public IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("app_name", ParameterType.String, "Name of the app: its URL is https://NAME.SUBDOMAIN.DOMAIN, its code src/PACKAGE/apps/NAME.py")
        {
            OptionName = "name",
            Default = _ => "demo",
            Validate = (value, answers) => StreamlitApps.NameProblem((string)value, answers),
            ValidationDescription = "1-40 lowercase letters, digits and '-', starting with a letter; not serve or label",
        },
    ];

    /// <summary>The variables the templates of app <paramref name="name"/> see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(Answers answers, string name)
    {
        var project = answers.GetString("project_name");
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = project,
            ["package_name"] = NamingFunctions.PyIdent(project),
            ["app_name"] = name,
            ["app_module"] = name.Replace('-', '_'),
            ["namespace"] = StreamlitApps.Namespace(name),
            ["host"] = FrontDoor.AppHost(answers, name),
            ["image_name"] = StreamlitApps.ImageName(project, name),
            ["stage"] = StreamlitApps.Stage(name),
            ["undeployed_tag"] = StreamlitApps.UndeployedTag,
            ["container"] = StreamlitApps.ContainerName,
            ["port"] = StreamlitApps.Port,
            ["health_path"] = StreamlitApps.HealthPath,
            ["dependency_group"] = StreamlitApps.DependencyGroup,
            ["registered_model"] = project,
            ["mlflow_tracking_uri"] = Skeleton.MLProjectSkeleton.MlflowInClusterUri,
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var answers = context.Answers;
        var name = answers.GetString("app_name");
        var existing = StreamlitApps.InState(context.State);
        if (context.Requested && existing.Contains(name))
            throw new MxException($"This project has a Streamlit app '{name}' already ({StreamlitApps.Folder(name)}, https://{FrontDoor.AppHost(answers, name)}). " +
                                  $"Choose another --name for a new app, or run 'mx update {GeneratorName}' to render the apps there are again. Nothing was written.");
        var package = NamingFunctions.PyIdent(answers.GetString("project_name"));
        var files = new List<FileEffect>();
        var edits = new List<FileEdit> { AppDependencies.Edit(package) };
        var apps = existing.Append(name).Distinct().Order(StringComparer.Ordinal).ToArray();
        foreach (var app in apps)
        {
            var own = _templates.Plan(context with { Answers = answers.With("app_name", app) });
            // The package of the apps is the same file for every app.
            files.AddRange(own.Files.Where(f => !files.Any(written => written.Path == f.Path)));
            files.Add(new FileEffect($"{StreamlitApps.Folder(app)}/route.yaml", RouteManifests(answers, app)));
            edits.Add(AppImageStage.Edit(package, app));
        }
        // Kept once written: 'mx app deploy' owns the image tags in it, and a render only ever adds an app.
        files.Add(new FileEffect(StreamlitApps.AppsKustomization, AppsKustomization.Seed(answers, apps))
        {
            KeepExisting = true,
            Refresh = text => apps.Aggregate(text, (current, app) => AppsKustomization.WithApp(current, answers, app)),
        });
        string[] deployments = [StreamlitApps.Deployment];
        return new Plan(files, deployments, [.. edits, PlatformProgram.Enable(deployments)]);
    }

    // Streamlit keeps one WebSocket open per browser tab; the load balancer's backend timeout is how long a WebSocket
    // may stay open (30 s by default), so the app's backend gets a day, after which the page reconnects.
    private static string RouteManifests(Answers answers, string name) =>
        "# Managed by mx (StreamlitApp).\n" + GatewayApp.Manifests(answers,
            new GatewayBackend(name, StreamlitApps.Namespace(name), name, StreamlitApps.Port, StreamlitApps.HealthPath) { TimeoutSeconds = 86400 });
}
