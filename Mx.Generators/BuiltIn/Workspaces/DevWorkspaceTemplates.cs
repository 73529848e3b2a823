using Mx.Templates;

namespace Mx.Generators.BuiltIn.Workspaces;

/// <summary>
/// The files of <see cref="DevWorkspace"/> that are its own templates; its plan also edits the skeleton's Dockerfile
/// and cluster program, which a template folder cannot express.
/// </summary>
internal sealed class DevWorkspaceTemplates(DevWorkspace owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, DevWorkspace.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;
    public override IReadOnlyList<string> Requires => owner.Requires;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => DevWorkspace.Model(context);
}
