using Mx.Generators.Yaml;
using Mx.Templates;

namespace Mx.Generators.BuiltIn.CloudBuild;

/// <summary>
/// CloudBuild's resources and outputs in the skeleton's cluster program, as a structured edit. They are rendered from
/// the CloudBuildClusterProgram template (a program of their own, checked like any other) and merged by name.
/// </summary>
internal static class CloudBuildProgram
{
    public const string ClusterProgram = "infra/pulumi/cluster/Main.yaml";

    /// <summary>Every entry CloudBuild adds starts with this, which the skeleton's names never do.</summary>
    public const string Prefix = "cloudBuild";

    private const string TemplateFolder = "CloudBuildClusterProgram";

    private static readonly Lazy<IReadOnlyList<TemplateFile>> Template =
        new(() => EmbeddedTemplates.Folder(typeof(TemplateRenderer).Assembly, TemplateFolder));

    public static FileEdit Edit(IReadOnlyDictionary<string, object?> model)
    {
        var fragment = Render(model);
        return new FileEdit(ClusterProgram, "add Cloud Build's connection, service accounts, docs bucket and cache repository",
            program => Apply(program, fragment));
    }

    /// <summary>The fragment as a program text, for tests that validate it alone.</summary>
    internal static string Render(IReadOnlyDictionary<string, object?> model) => TemplateRenderer.RenderFolder(Template.Value, model)[0].Value;

    // The entries are mx's: a changed answer replaces one in place and one no longer rendered (the triggers before
    // the connection is authorised) leaves, while every other entry of the program and the user's edits stay.
    private static string Apply(string program, string fragment)
    {
        var document = YamlDocument.Parse(program, ClusterProgram);
        var additions = YamlDocument.Parse(fragment, TemplateFolder + "/Main.yaml");
        if (document.Root is not YamlMap root || additions.Root is not YamlMap added)
            throw new MxException($"{ClusterProgram} is not a Pulumi YAML program (its top level must be a mapping), so mx cannot add Cloud Build's resources to it. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var changed = false;
        foreach (var section in new[] { "resources", "outputs" })
        {
            var entries = (YamlMap)added.Get(section)!;
            if (root.Get(section) is not YamlMap existing)
                throw new MxException($"{ClusterProgram} has no '{section}' mapping, so mx cannot add Cloud Build's entries to it. " +
                                      "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
            var names = entries.Keys.ToHashSet(StringComparer.Ordinal);
            changed |= existing.Entries.RemoveAll(e => e.Key.Value.StartsWith(Prefix, StringComparison.Ordinal) && !names.Contains(e.Key.Value)) > 0;
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
