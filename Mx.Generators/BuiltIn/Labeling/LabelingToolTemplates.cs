using Mx.Templates;

namespace Mx.Generators.BuiltIn.Labeling;

/// <summary>
/// The files of <see cref="LabelingTool"/> that are its own templates; its plan adds the route and edits the skeleton's
/// programs and docs, which a template folder cannot express.
/// </summary>
internal sealed class LabelingToolTemplates(LabelingTool owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, LabelingTool.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [Cvat.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => LabelingTool.Model(context.Answers);
}
