using Mx.Generators.Yaml;
using Mx.Templates;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// An add-on generator's resources and outputs in the skeleton's cluster program, as a structured edit. They are
/// rendered from a template folder of their own (a program fragment, checked like any other program) and merged by
/// name; every name starts with the generator's prefix, which the skeleton's names never do.
/// </summary>
internal static class ClusterProgramFragment
{
    public const string ClusterProgram = "infra/pulumi/cluster/Main.yaml";

    public static FileEdit Edit(string templateFolder, string prefix, string description, IReadOnlyDictionary<string, object?> model)
    {
        var fragment = Render(templateFolder, model);
        return new FileEdit(ClusterProgram, description, program => Apply(program, fragment, templateFolder, prefix));
    }

    /// <summary>The fragment as a program text.</summary>
    internal static string Render(string templateFolder, IReadOnlyDictionary<string, object?> model) =>
        TemplateRenderer.RenderFolder(EmbeddedTemplates.Folder(typeof(TemplateRenderer).Assembly, templateFolder), model)[0].Value;

    // The prefixed entries are mx's: a changed answer replaces one in place and one no longer rendered leaves, while
    // every other entry of the program and the user's edits to it stay.
    private static string Apply(string program, string fragment, string templateFolder, string prefix)
    {
        var document = YamlDocument.Parse(program, ClusterProgram);
        var additions = YamlDocument.Parse(fragment, templateFolder + "/Main.yaml");
        if (document.Root is not YamlMap root || additions.Root is not YamlMap added)
            throw new MxException($"{ClusterProgram} is not a Pulumi YAML program (its top level must be a mapping), so mx cannot add its resources to it. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var changed = false;
        foreach (var section in new[] { "resources", "outputs" })
        {
            var entries = (YamlMap)added.Get(section)!;
            if (root.Get(section) is not YamlMap existing)
                throw new MxException($"{ClusterProgram} has no '{section}' mapping, so mx cannot add its entries to it. " +
                                      "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
            var names = entries.Keys.ToHashSet(StringComparer.Ordinal);
            changed |= existing.Entries.RemoveAll(e => e.Key.Value.StartsWith(prefix, StringComparison.Ordinal) && !names.Contains(e.Key.Value)) > 0;
            foreach (var (key, value) in entries.Entries)
            {
                // A new entry brings the template's comments; a replaced one keeps whatever its key carries now.
                var index = existing.Entries.FindIndex(e => e.Key.Value == key.Value);
                if (index >= 0 && existing.Entries[index].Value.SameContent(value)) continue;
                if (index >= 0) existing.Entries[index] = new(existing.Entries[index].Key, value);
                else existing.Entries.Add(new(key, value));
                changed = true;
            }
        }
        return changed ? document.Write() : program;
    }
}
