using System.Reflection;

namespace Mx.Templates;

/// <summary>
/// Reads a generator's template folder from an assembly's embedded resources. Resources are named
/// <c>templates/&lt;Generator&gt;/&lt;path&gt;</c> (the csproj sets LogicalName so that the folder structure survives),
/// which lets built-in generators and plugins ship templates the same way.
/// </summary>
public static class EmbeddedTemplates
{
    public static IReadOnlyList<TemplateFile> Folder(Assembly assembly, string generatorFolder)
    {
        var prefix = $"templates/{generatorFolder}/";
        var files = new List<TemplateFile>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var normalised = name.Replace('\\', '/');
            if (!normalised.StartsWith(prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add(new TemplateFile(normalised[prefix.Length..], reader.ReadToEnd()));
        }
        if (files.Count == 0)
            throw new TemplateException($"{assembly.GetName().Name} embeds no templates under '{prefix}'.");
        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return files;
    }
}
