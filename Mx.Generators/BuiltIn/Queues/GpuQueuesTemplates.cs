using Mx.Templates;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// The files of <see cref="GpuQueues"/> that are its own templates; its plan also edits the skeleton's cluster and
/// platform programs, which a template folder cannot express.
/// </summary>
internal sealed class GpuQueuesTemplates(GpuQueues owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, GpuQueues.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [GpuQueues.Deployment];

    // A project without teams has no teams file, rather than an empty one.
    protected override bool Includes(string templatePath, GeneratorContext context) =>
        templatePath != GpuQueues.TeamsFile || GpuQueues.Teams(context.Answers).Count > 0;

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => GpuQueues.Model(context);
}
