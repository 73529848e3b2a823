using Mx.Templates;

namespace Mx.Generators.BuiltIn.Reaper;

/// <summary>
/// The files of <see cref="IdleReaper"/> that are its own templates; its plan also edits the skeleton's cluster and
/// platform programs, which a template folder cannot express.
/// </summary>
internal sealed class IdleReaperTemplates(IdleReaper owner) : TemplateGenerator(typeof(TemplateRenderer).Assembly, IdleReaper.GeneratorName)
{
    /// <summary>The reaper's Python modules, which the kustomization puts in its code ConfigMap.</summary>
    public static readonly IReadOnlyList<string> CodeFiles =
        ["__init__.py", "__main__.py", "actionlog.py", "cluster.py", "jsonhttp.py", "metrics.py", "notify.py", "policy.py", "workhours.py"];

    public override string Name => owner.Name;
    public override string Summary => owner.Summary;
    public override string Version => owner.Version;
    public override IReadOnlyList<Parameter> Parameters => owner.Parameters;

    protected override IEnumerable<string> Deployments(GeneratorContext context) => [IdleReaper.Deployment];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context) => IdleReaper.Model(context);
}
