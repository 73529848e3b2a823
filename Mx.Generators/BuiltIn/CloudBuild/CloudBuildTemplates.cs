using Mx.Templates;

namespace Mx.Generators.BuiltIn.CloudBuild;

/// <summary>
/// The files of <see cref="CloudBuild"/> that are its own templates; its plan also edits the skeleton's cluster program and,
/// with the front door, adds the docs site, which a template folder cannot express.
/// </summary>
internal sealed class CloudBuildTemplates(CloudBuild owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, CloudBuild.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => CloudBuild.Model(context);
}
