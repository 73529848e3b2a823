using Mx.Generators;

namespace Mx.Generators.Yaml;

/// <summary>
/// Edits a Pulumi YAML program structurally: the runtime reads one program file per project, so generators and
/// <c>mx deploy</c> merge their <c>variables</c>, <c>resources</c> and <c>outputs</c> into it by name. Merging is
/// idempotent (an entry that is already there with the same content changes nothing) and refuses a clash (the
/// name is taken by something else). The file's comments and the blank lines between its entries are kept.
/// </summary>
internal static class PulumiProgramEditor
{
    public static readonly string[] Sections = ["variables", "resources", "outputs"];

    /// <summary>
    /// The program with <paramref name="additions"/> merged in, and whether anything changed. An entry that already
    /// exists is left alone when <paramref name="isSame"/> says it is the one being added (by default: equal content).
    /// </summary>
    public static (string Text, bool Changed) Merge(string program, string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, YamlTree>> additions,
        Func<YamlTree, YamlTree, bool>? isSame = null)
    {
        isSame ??= (existing, added) => existing.SameContent(added);
        var document = YamlDocument.Parse(program, path);
        if (document.Root is not YamlMap root)
            throw new MxException($"{path} is not a Pulumi YAML program: its top level must be a mapping with resources, variables and outputs.");
        var changed = false;
        foreach (var (section, entries) in additions)
        {
            if (!Sections.Contains(section)) throw new ArgumentException($"'{section}' is not a program section mx merges", nameof(additions));
            if (entries.Count == 0) continue;
            var existing = root.Get(section);
            if (existing is not null and not YamlMap && !(existing is YamlScalar { Value: "" }))
                throw new MxException($"{path}: '{section}' must be a mapping of names to entries; fix it and run the command again.");
            if (existing is not YamlMap map)
            {
                map = new YamlMap(new YamlDotNet.Core.Events.MappingStart());
                InsertSection(root, section, map);
            }
            foreach (var (name, value) in entries)
            {
                var current = map.Get(name);
                if (current is null)
                {
                    map.Set(name, value);
                    changed = true;
                }
                else if (!isSame(current, value))
                {
                    throw new MxException(
                        $"{path} already has {Singular(section)} named '{name}' that differs from the one mx would add, so mx changed nothing. " +
                        $"Rename or remove yours, or, if you edited mx's on purpose, keep it and do not enable it again.", ExitCode.Conflict);
                }
            }
        }
        return (changed ? document.Write() : program, changed);
    }

    /// <summary>
    /// The program without the <paramref name="section"/> entries whose names are given and that
    /// <paramref name="isTheOne"/> recognises as the ones mx added; entries the user renamed or replaced stay.
    /// </summary>
    public static string Remove(string program, string path, string section, IEnumerable<string> names, Func<YamlTree, bool> isTheOne)
    {
        var document = YamlDocument.Parse(program, path);
        if (document.Root is not YamlMap root || root.Get(section) is not YamlMap map) return program;
        var removed = map.Entries.RemoveAll(e => names.Contains(e.Key.Value) && isTheOne(e.Value));
        return removed > 0 ? document.Write() : program;
    }

    /// <summary>Keeps the sections in the order Pulumi's documentation uses: variables, resources, outputs.</summary>
    private static void InsertSection(YamlMap root, string section, YamlMap map)
    {
        var order = Array.IndexOf(Sections, section);
        var before = root.Entries.FindIndex(e => Array.IndexOf(Sections, e.Key.Value) > order);
        var entry = new KeyValuePair<YamlScalar, YamlTree>(YamlTree.Scalar(section), map);
        if (before < 0) root.Entries.Add(entry);
        else root.Entries.Insert(before, entry);
    }

    private static string Singular(string section) => section switch
    {
        "variables" => "a variable",
        "outputs" => "an output",
        _ => "a resource",
    };
}
