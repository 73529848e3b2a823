using Mx.Templates;

namespace Mx.Generators.BuiltIn.Monitoring;

/// <summary>
/// The files of <see cref="GpuMonitoring"/> that are its own templates; its plan also edits the skeleton's cluster and
/// platform programs, which a template folder cannot express.
/// </summary>
internal sealed class GpuMonitoringTemplates(GpuMonitoring owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, GpuMonitoring.GeneratorName)
{
    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [GpuMonitoring.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => GpuMonitoring.Model(context);
}
