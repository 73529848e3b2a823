using Mx.Templates;

namespace Mx.Generators.BuiltIn.Distributed;

/// <summary>
/// The files of <see cref="DistributedTraining"/> that are its own templates. Kept apart because that generator's
/// plan also carries the skeleton's re-rendered platform program, which a template folder cannot express.
/// </summary>
internal sealed class DistributedTemplates(DistributedTraining owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, "DistributedTraining")
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [DistributedTraining.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => DistributedTraining.Model(context);
}
