using Mx.Generators.BuiltIn.Docs;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// The zero-trust front door of the project's apps: a GKE Gateway on a global static IP with a Google-managed wildcard
/// certificate for <c>*.SUBDOMAIN.DOMAIN</c>, an HTTP-to-HTTPS redirect, and Identity-Aware Proxy that lets only the
/// allowed members through. Apps (StreamlitApp, ModelServing) attach to it through <see cref="GatewayApp"/>; with a
/// pipeline that publishes the docs, they are served behind it too (<see cref="DocsApp"/>).
/// </summary>
internal sealed class DeploymentInfrastructure : IGenerator
{
    public const string GeneratorName = "DeploymentInfrastructure";
    public const string Deployment = "gateway";

    private readonly DeploymentInfrastructureTemplates _templates;

    public DeploymentInfrastructure() => _templates = new DeploymentInfrastructureTemplates(this);

    public string Name => GeneratorName;
    public string Summary => "Apps behind a zero-trust front door: GKE Gateway, static IP, DNS, wildcard TLS certificate, Identity-Aware Proxy (mx open).";
    public string Version => "1.0.0";
    public IReadOnlyList<string> Requires => ["MLProjectSkeleton"];
    public bool CreatesProject => false;
    public IReadOnlyList<string> Writes => _templates.Writes;
    public IReadOnlyList<Parameter> Parameters => FrontDoor.Parameters;

    /// <summary>The variables the DeploymentInfrastructure templates see.</summary>
    internal static IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var a = context.Answers;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["project_name"] = a.GetString("project_name"),
            ["host"] = FrontDoor.Host(a),
            ["namespace"] = FrontDoor.Namespace,
            ["gateway_name"] = FrontDoor.GatewayName,
            ["gateway_class"] = FrontDoor.GatewayClass,
            ["https_listener"] = FrontDoor.HttpsListener,
            ["http_listener"] = FrontDoor.HttpListener,
            ["address_name"] = GatewayCloud.AddressName(a),
            ["certificate_map"] = GatewayCloud.CertificateMapName(a),
            ["ssl_policy"] = GatewayCloud.SslPolicyName(a),
            ["gcp_project"] = a.GetString("gcp_project"),
            ["iap_members"] = a.GetList("iap_members").Distinct(StringComparer.Ordinal).ToArray(),
            ["caller_email"] = IapCaller.Email(a),
        };
    }

    public Plan Plan(GeneratorContext context)
    {
        var own = _templates.Plan(context);
        return DocsApp.AddTo(new Plan(own.Files, own.Deployments,
                [PlatformProgram.Enable(own.Deployments), GatewayCloud.Edit(context.Answers), DocsToctree.Edit(DocsToctree.Apps)]),
            context, GeneratorName);
    }
}
