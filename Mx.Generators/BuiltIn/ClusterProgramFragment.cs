using Mx.Generators.Yaml;
using Mx.Templates;

namespace Mx.Generators.BuiltIn;

/// <summary>
/// An add-on generator's resources and outputs in the skeleton's cluster program (or, with <see cref="EditPlatform"/>, its
/// platform program), as a structured edit, merged by name:
/// rendered from a template folder of their own (a program fragment, checked like any other program), or built in code
/// where they follow the answers (node pools, teams). The entries a generator owns are told by their names, which the
/// skeleton's never share.
/// </summary>
internal static class ClusterProgramFragment
{
    public const string ClusterProgram = "infra/pulumi/cluster/Main.yaml";

    public static FileEdit Edit(string templateFolder, string prefix, string description, IReadOnlyDictionary<string, object?> model) =>
        Edit(ClusterProgram, templateFolder, prefix, description, model);

    /// <summary>The same for the skeleton's platform program (Helm releases, namespaces, generated secrets).</summary>
    public static FileEdit EditPlatform(string templateFolder, string prefix, string description, IReadOnlyDictionary<string, object?> model) =>
        Edit(PlatformProgram.Path, templateFolder, prefix, description, model);

    private static FileEdit Edit(string programPath, string templateFolder, string prefix, string description, IReadOnlyDictionary<string, object?> model)
    {
        var fragment = Render(templateFolder, model);
        return new FileEdit(programPath, description, program => Apply(programPath, program, fragment, templateFolder, prefix));
    }

    /// <summary>The fragment as a program text.</summary>
    internal static string Render(string templateFolder, IReadOnlyDictionary<string, object?> model) =>
        TemplateRenderer.RenderFolder(EmbeddedTemplates.Folder(typeof(TemplateRenderer).Assembly, templateFolder), model)[0].Value;

    /// <summary>Entries built in code; those <paramref name="owns"/> claims and no longer wanted leave the program.</summary>
    public static FileEdit Edit(string description, Func<string, bool> owns, IEnumerable<(string Name, YamlTree Value)> resources)
    {
        var wanted = resources.Select(r => KeyValuePair.Create(YamlTree.Scalar(r.Name), r.Value)).ToArray();
        return new FileEdit(ClusterProgram, description, program =>
        {
            var document = YamlDocument.Parse(program, ClusterProgram);
            return Merge(Section(document, "resources"), wanted, owns) ? document.Write() : program;
        });
    }

    /// <summary>A top-level mapping of the program (resources, outputs), or the error that says how to restore it.</summary>
    internal static YamlMap Section(YamlDocument program, string section, string programPath = ClusterProgram) =>
        program.Root is YamlMap root && root.Get(section) is YamlMap map
            ? map
            : throw new MxException($"{programPath} has no '{section}' mapping, so mx cannot add its entries to it. " +
                                    "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");

    /// <summary>
    /// The properties of the skeleton's <c>cluster</c> resource, which a generator edits to turn on a cluster feature
    /// (<paramref name="purpose"/>, as in "turn on the Gateway API"), or the error that says how to restore it.
    /// </summary>
    internal static YamlMap ClusterProperties(YamlDocument program, string purpose) =>
        program.Root is YamlMap root && root.Get("resources") is YamlMap resources
        && resources.Get("cluster") is YamlMap cluster && cluster.Get("properties") is YamlMap properties
            ? properties
            : throw new MxException($"{ClusterProgram} has no 'cluster' resource with properties, so mx cannot {purpose} in it. " +
                                    "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> unless it holds that already; whether it changed.</summary>
    internal static bool SetIfDifferent(YamlMap map, string key, YamlTree value)
    {
        if (map.Get(key) is { } existing && existing.SameContent(value)) return false;
        map.Set(key, value);
        return true;
    }

    // The owned entries are mx's: a changed answer replaces one in place and one no longer wanted leaves, while every
    // other entry of the program and the user's edits to it stay. A new entry brings its key's comments; a replaced
    // one keeps whatever its key carries now.
    internal static bool Merge(YamlMap existing, IReadOnlyCollection<KeyValuePair<YamlScalar, YamlTree>> wanted, Func<string, bool> owns)
    {
        var names = wanted.Select(w => w.Key.Value).ToHashSet(StringComparer.Ordinal);
        var changed = existing.Entries.RemoveAll(e => owns(e.Key.Value) && !names.Contains(e.Key.Value)) > 0;
        foreach (var (key, value) in wanted)
        {
            var index = existing.Entries.FindIndex(e => e.Key.Value == key.Value);
            if (index >= 0 && existing.Entries[index].Value.SameContent(value)) continue;
            if (index >= 0) existing.Entries[index] = new(existing.Entries[index].Key, value);
            else existing.Entries.Add(new(key, value));
            changed = true;
        }
        return changed;
    }

    private static string Apply(string programPath, string program, string fragment, string templateFolder, string prefix)
    {
        var document = YamlDocument.Parse(program, programPath);
        var additions = YamlDocument.Parse(fragment, templateFolder + "/Main.yaml");
        if (document.Root is not YamlMap || additions.Root is not YamlMap added)
            throw new MxException($"{programPath} is not a Pulumi YAML program (its top level must be a mapping), so mx cannot add its resources to it. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var changed = false;
        foreach (var section in new[] { "resources", "outputs" })
            if (added.Get(section) is YamlMap entries)
                changed |= Merge(Section(document, section, programPath), entries.Entries, name => name.StartsWith(prefix, StringComparison.Ordinal));
        return changed ? document.Write() : program;
    }
}
