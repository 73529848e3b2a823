using System.Collections;
using Scriban;
using Scriban.Runtime;
using Scriban.Parsing;
using Scriban.Syntax;
using Mx.Templates.Internal;

namespace Mx.Templates;

/// <summary>
/// Renders Scriban templates in strict mode: every template of a folder is parsed before any is rendered,
/// all parse errors are reported together, and an undefined variable is an error rather than an empty
/// string. Locations are given as <c>path(line,col)</c>, 1-based.
/// </summary>
public static class TemplateRenderer
{
    private static readonly ScriptObject Functions = CreateFunctions();

    /// <summary>Renders every file of a folder; returns output path → content, in the folder's order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> RenderFolder(
        IReadOnlyList<TemplateFile> files, IReadOnlyDictionary<string, object?> model)
    {
        var parsed = new List<(TemplateFile File, Template? Template)>(files.Count);
        var errors = new List<string>();
        foreach (var file in files)
        {
            if (!file.IsTemplate) { parsed.Add((file, null)); continue; }
            var template = Template.Parse(file.Text, file.RelativePath);
            if (template.HasErrors) errors.AddRange(template.Messages.Select(Describe));
            parsed.Add((file, template));
        }
        if (errors.Count > 0) throw new TemplateException(string.Join(Environment.NewLine, errors));

        var context = CreateContext(model);
        var output = new List<KeyValuePair<string, string>>(files.Count);
        foreach (var (file, template) in parsed)
            output.Add(new(file.OutputPath, template is null ? file.Text : Render(template, file, context)));
        return output;
    }

    /// <summary>Renders one template text; used for single files and for tests of the helpers.</summary>
    public static string Render(string path, string text, IReadOnlyDictionary<string, object?> model) =>
        RenderFolder([new TemplateFile(path + TemplateFile.TemplateSuffix, text)], model)[0].Value;

    private static string Render(Template template, TemplateFile file, TemplateContext context)
    {
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException e)
        {
            throw new TemplateException($"{Location(file.RelativePath, e.Span)}: {e.OriginalMessage}");
        }
    }

    private static TemplateContext CreateContext(IReadOnlyDictionary<string, object?> model)
    {
        var globals = new ScriptObject();
        foreach (var (key, value) in model) globals.SetValue(key, ToScriptValue(value), readOnly: true);
        var context = new TemplateContext(new LazyBuiltins())
        {
            StrictVariables = true,
            NewLine = "\n",
            EnableRelaxedMemberAccess = false,
        };
        context.PushGlobal(Functions);
        context.PushGlobal(globals);
        return context;
    }

    // Lists arrive as .NET collections; Scriban's array functions (size, join) want a ScriptArray.
    private static object? ToScriptValue(object? value) => value switch
    {
        string or null => value,
        IDictionary dictionary => ToScriptObject(dictionary),
        IEnumerable items => new ScriptArray(items.Cast<object?>().Select(ToScriptValue)),
        _ => value,
    };

    private static ScriptObject ToScriptObject(IDictionary dictionary)
    {
        var obj = new ScriptObject();
        foreach (DictionaryEntry entry in dictionary) obj.SetValue((string)entry.Key, ToScriptValue(entry.Value), readOnly: true);
        return obj;
    }

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        foreach (var (name, transform) in NamingFunctions.ForTemplates)
            functions.SetValue(name, new TextFunction(transform), readOnly: true);
        return functions;
    }

    private static string Describe(LogMessage message) =>
        $"{Location(message.Span.FileName, message.Span)}: {message.Message}";

    private static string Location(string path, SourceSpan span) =>
        $"{path}({span.Start.Line + 1},{span.Start.Column + 1})";
}
