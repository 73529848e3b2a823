using System.Reflection;
using Mx.Generators.Internal;
using Mx.Templates;

namespace Mx.Generators;

/// <summary>
/// A generator whose files are a folder of embedded templates mirroring the output tree. A path part
/// <c>__some_key__</c> (a snake_case key with at least one inner '_', so Python's <c>__init__</c> is left alone)
/// is replaced by the model's value for that key. Subclasses provide metadata and the model.
/// </summary>
public abstract class TemplateGenerator : IGenerator
{
    private readonly Lazy<IReadOnlyList<TemplateFile>> _templates;

    protected TemplateGenerator(Assembly templateAssembly, string templateFolder) =>
        _templates = new(() => EmbeddedTemplates.Folder(templateAssembly, templateFolder));

    public abstract string Name { get; }
    public abstract string Summary { get; }
    public abstract string Version { get; }
    public abstract IReadOnlyList<Parameter> Parameters { get; }
    public virtual IReadOnlyList<string> Requires => [];
    public virtual bool CreatesProject => false;

    public IReadOnlyList<string> Writes =>
        _templates.Value.Select(t => PathTokens.Replace(t.OutputPath, key => $"<{key}>")).ToArray();

    /// <summary>The variables every template of this generator sees.</summary>
    protected abstract IReadOnlyDictionary<string, object?> Model(GeneratorContext context);

    /// <summary>Files written only when absent (see <see cref="FileEffect.KeepExisting"/>); by default none.</summary>
    protected virtual bool KeepsExisting(string path) => false;

    /// <summary>For a kept file, the structured update of what mx owns in it (see <see cref="FileEffect.Refresh"/>); by default none.</summary>
    protected virtual Func<string, string>? Refresh(string path, string rendered) => null;

    /// <summary>
    /// Whether the template with this output path (tokens not yet replaced) belongs to the plan; by default all do.
    /// For files that exist only under some answers, where an empty file would be wrong.
    /// </summary>
    protected virtual bool Includes(string templatePath, GeneratorContext context) => true;

    /// <summary>Deployments the plan enables; by default none.</summary>
    protected virtual IEnumerable<string> Deployments(GeneratorContext context) => [];

    /// <summary>
    /// Structured edits the plan applies on top of its render (its own files too); by default none. A generator
    /// whose files others extend uses it to keep their additions when it renders the files again.
    /// </summary>
    protected virtual IEnumerable<FileEdit> Edits(GeneratorContext context) => [];

    public Plan Plan(GeneratorContext context)
    {
        var model = Model(context);
        var templates = _templates.Value.Where(t => Includes(t.OutputPath, context)).ToArray();
        var rendered = TemplateRenderer.RenderFolder(templates, model);
        var files = rendered.Select(file =>
        {
            var path = ExpandPath(file.Key, model);
            var keep = KeepsExisting(path);
            return new FileEffect(path, file.Value) { KeepExisting = keep, Refresh = keep ? Refresh(path, file.Value) : null };
        });
        return new Plan(files, Deployments(context), Edits(context));
    }

    private static string ExpandPath(string path, IReadOnlyDictionary<string, object?> model) =>
        PathTokens.Replace(path, key => model.TryGetValue(key, out var value) && value is string s
            ? s
            : throw new TemplateException($"{path}: the path names '{key}', which the model does not define as a string."));
}
