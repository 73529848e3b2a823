using Mx.Generators.BuiltIn.Gateway;

namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// How served models are reached from outside the cluster: through the project's gateway (DeploymentInfrastructure)
/// as the app <c>serve</c>, at <c>https://serve.&lt;subdomain&gt;.&lt;domain&gt;</c>, behind IAP. A model NAME answers
/// there under <c>/v2/models/NAME</c>, the Open Inference Protocol's own path prefix: <c>mx serve</c> gives each model
/// a route of that prefix to its predictor Service, with its IAP policy, through the gateway's one helper, and the
/// Gateway merges the routes of one host. Until DeploymentInfrastructure is applied a model is reached only through
/// <c>mx serve test</c> or a port-forward.
/// </summary>
internal static class ServingRoute
{
    /// <summary>The app name the gateway routes, the host's first label.</summary>
    public const string AppName = "serve";

    public const string GatewayGenerator = "DeploymentInfrastructure";

    /// <summary>KServe's predictor Service of a model answers on port 80 (its container on 8080).</summary>
    public const int PredictorPort = 80;

    /// <summary>MLServer's readiness endpoint, which the load balancer probes.</summary>
    public const string ReadinessPath = "/v2/health/ready";

    /// <summary>The model's backend behind the gateway, or null while the project has no gateway.</summary>
    public static GatewayBackend? Backend(ProjectState state, string model) =>
        BaseUrl(state) is null ? null
            : new GatewayBackend(AppName, ModelServing.Namespace, $"{model}-predictor", PredictorPort, ReadinessPath, $"/v2/models/{model}");

    /// <summary>The public base URL of served models, or null while the project has no gateway.</summary>
    public static string? BaseUrl(ProjectState state) =>
        state.HasApplied(GatewayGenerator) && state.Answers.TryGetValue("domain", out var domain)
            ? $"https://{AppName}.{(state.Answers.TryGetValue("subdomain", out var sub) ? (string)sub : state.Answers.GetString("project_name"))}.{(string)domain}"
            : null;
}
