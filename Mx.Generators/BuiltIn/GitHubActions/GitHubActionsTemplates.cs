using Mx.Templates;

namespace Mx.Generators.BuiltIn.GitHubActions;

/// <summary>
/// The files of <see cref="GitHubActions"/> that are its own templates; its plan also edits the skeleton's cluster program and,
/// with the front door, adds the docs site, which a template folder cannot express.
/// </summary>
internal sealed class GitHubActionsTemplates(GitHubActions owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, GitHubActions.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => GitHubActions.Model(context);
}
