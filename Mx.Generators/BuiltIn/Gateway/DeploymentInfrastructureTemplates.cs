using Mx.Templates;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// The files of <see cref="DeploymentInfrastructure"/> that are its own templates; its plan also edits the skeleton's
/// cluster and platform programs, which a template folder cannot express.
/// </summary>
internal sealed class DeploymentInfrastructureTemplates(DeploymentInfrastructure owner)
    : TemplateGenerator(typeof(TemplateRenderer).Assembly, DeploymentInfrastructure.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [DeploymentInfrastructure.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => DeploymentInfrastructure.Model(context);
}
