namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// How served models are reached from outside the cluster: through the project's gateway (DeploymentInfrastructure)
/// as the app <c>serve</c>, at <c>https://serve.&lt;subdomain&gt;.&lt;domain&gt;</c>, behind IAP. A model NAME answers
/// there under <c>/v2/models/NAME/</c>, the Open Inference Protocol's own path prefix, so one route carries every
/// served model: a rule per model sends its prefix to the model's predictor Service. The route and its IAP policy are
/// the gateway's to generate (one helper makes both, so a route without IAP cannot exist); <see cref="Files"/> is where
/// ModelServing asks for them, and until DeploymentInfrastructure is applied a model is reached only through
/// <c>mx serve test</c> or a port-forward.
/// </summary>
internal static class ServingRoute
{
    /// <summary>The app name the gateway routes, the host's first label.</summary>
    public const string AppName = "serve";

    public const string GatewayGenerator = "DeploymentInfrastructure";

    /// <summary>
    /// The HTTPRoute of <c>serve.&lt;subdomain&gt;</c> and its IAP backend policy, produced by the gateway's app helper
    /// once DeploymentInfrastructure exists in the project; a project without the gateway gets none.
    /// </summary>
    public static IReadOnlyList<FileEffect> Files(GeneratorContext context) => [];

    /// <summary>The public base URL of served models, or null while the project has no gateway.</summary>
    public static string? BaseUrl(ProjectState state) =>
        state.HasApplied(GatewayGenerator) && state.Answers.TryGetValue("domain", out var domain)
            ? $"https://{AppName}.{(state.Answers.TryGetValue("subdomain", out var sub) ? (string)sub : state.Answers.GetString("project_name"))}.{(string)domain}"
            : null;
}
