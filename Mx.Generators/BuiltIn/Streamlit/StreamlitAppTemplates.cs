using Mx.Templates;

namespace Mx.Generators.BuiltIn.Streamlit;

/// <summary>
/// The files of one app of <see cref="StreamlitApp"/> that are templates; its plan renders them once per app and adds
/// the route, the shared apps kustomization and the edits of the skeleton's files.
/// </summary>
internal sealed class StreamlitAppTemplates(StreamlitApp owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, StreamlitApp.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) =>
        StreamlitApp.Model(context.Answers, context.Answers.GetString("app_name"));
}
