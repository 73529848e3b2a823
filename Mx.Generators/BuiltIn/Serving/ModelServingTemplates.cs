using Mx.Templates;

namespace Mx.Generators.BuiltIn.Serving;

/// <summary>
/// The files of <see cref="ModelServing"/> that are its own templates; its plan also edits the skeleton's cluster and
/// platform programs, which a template folder cannot express.
/// </summary>
internal sealed class ModelServingTemplates(ModelServing owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, ModelServing.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [ModelServing.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => ModelServing.Model(context);
}
