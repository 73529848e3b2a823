using System.Collections.Specialized;
using Mx.Generators.Internal;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Generators;

/// <summary>Reads and writes <c>.mx/state.yaml</c>. Writes go through a temp file and a rename.</summary>
internal static class StateFile
{
    public const string RelativePath = ".mx/state.yaml";

    private const string Header =
        "# mx project state: the answers, the generators applied and the hash of every file mx wrote.\n" +
        "# Commit it, so teammates and CI get the same result. Change answers through mx, not by hand.\n";

    private const string Remedy = "Fix the file, or restore the committed one with 'git checkout -- .mx/state.yaml'.";

    public static string PathIn(string root) => Path.Combine(root, ".mx", "state.yaml");

    /// <summary>The project's state, or null when the directory is not an mx project.</summary>
    public static ProjectState? Load(string root)
    {
        var path = PathIn(root);
        // A directory or a FIFO in its place is a broken project, not a missing one.
        if (!Path.Exists(path)) return null;
        return Parse(UserFile.ReadText(path, RelativePath, "mx keeps the project's answers in that file: check its permissions, or restore it with 'git checkout -- .mx/state.yaml'."));
    }

    public static ProjectState Parse(string text)
    {
        var stream = YamlDocuments.Load(text, RelativePath, Remedy);
        try
        {
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
                throw YamlScalars.Malformed(RelativePath, Mark.Empty, "the state must be one YAML mapping");
            return Read(root);
        }
        catch (MxException e)
        {
            throw new MxException($"{e.Message} {Remedy}");
        }
    }

    public static void Save(string root, ProjectState state)
    {
        Directory.CreateDirectory(Path.Combine(root, ".mx"));
        AtomicFile.Write(PathIn(root), Serialize(state));
    }

    public static string Serialize(ProjectState state)
    {
        var document = new Dictionary<string, object>
        {
            ["schema"] = state.Schema,
            ["mx_version"] = state.MxVersion,
            ["answers"] = SortedByKey(state.Answers),
            ["generators"] = state.Generators.Select(g =>
            {
                var entry = new Dictionary<string, string> { ["name"] = g.Name, ["version"] = g.Version, ["source"] = g.Source };
                if (g.MxVersion is { } mx) entry["mx_version"] = mx;
                return entry;
            }).ToList(),
            ["deployments"] = state.Deployments.ToList(),
            ["files"] = SortedByKey(state.Files),
        };
        // Sections that only some projects use are written only when they hold something, so a fresh
        // project's state stays short.
        if (state.Plugins.Count > 0)
            document["plugins"] = state.Plugins.Select(p => new Dictionary<string, string>
            {
                ["id"] = p.Id, ["version"] = p.Version, ["sha512"] = p.Sha512, ["source"] = p.Source,
            }).ToList();
        if (state.TrustedSources.Count > 0) document["trusted_sources"] = state.TrustedSources.ToList();
        if (state.Infra.Backend is not null || state.Infra.Stack is not null || state.Infra.Outputs.Count > 0)
        {
            var infra = new Dictionary<string, object>();
            if (state.Infra.Backend is { } backend) infra["backend"] = backend;
            if (state.Infra.Stack is { } stack) infra["stack"] = stack;
            if (state.Infra.Outputs.Count > 0) infra["outputs"] = SortedByKey(state.Infra.Outputs);
            document["infra"] = infra;
        }
        return Header + YamlWriter.Write(document);
    }

    // Mappings are written in ordinal key order whatever order they were built in, so state diffs stay small. An
    // OrderedDictionary (non-generic, so precompiled) rather than a SortedDictionary, whose code over key-value
    // pairs a cold start would JIT-compile.
    private static OrderedDictionary SortedByKey<T>(IEnumerable<KeyValuePair<string, T>> map)
    {
        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map) entries[key] = value;
        var keys = new string[entries.Count];
        entries.Keys.CopyTo(keys, 0);
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new OrderedDictionary(keys.Length);
        foreach (var key in keys) sorted.Add(key, entries[key]);
        return sorted;
    }

    private static ProjectState Read(YamlMappingNode root)
    {
        var state = new ProjectState();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode, "a key");
            state = key switch
            {
                "schema" => state with { Schema = ReadSchema(value) },
                "mx_version" => state with { MxVersion = Scalar(value, "mx_version") },
                "answers" => state with { Answers = ReadAnswers(value) },
                "generators" => state with { Generators = ReadGenerators(value) },
                "deployments" => state with { Deployments = Sequence(value, "deployments").Select(n => Scalar(n, "a deployment")).ToArray() },
                "files" => state with { Files = ReadFiles(value) },
                "plugins" => state with { Plugins = ReadPlugins(value) },
                "trusted_sources" => state with { TrustedSources = Sequence(value, "trusted_sources").Select(n => Scalar(n, "a source")).ToArray() },
                "infra" => state with { Infra = ReadInfra(value) },
                _ => throw YamlScalars.Malformed(RelativePath, keyNode, $"unknown key '{key}' (expected schema, mx_version, answers, generators, deployments, files, plugins, trusted_sources, infra)"),
            };
        }
        return state;
    }

    private static int ReadSchema(YamlNode node)
    {
        if (!int.TryParse(Scalar(node, "schema"), out var schema) || schema != ProjectState.CurrentSchema)
            throw YamlScalars.Malformed(RelativePath, node,
                $"schema '{((YamlScalarNode)node).Value}' is not one this mx reads (it reads {ProjectState.CurrentSchema}); a newer mx may have written it, so upgrade mx");
        return schema;
    }

    private static Answers ReadAnswers(YamlNode node) =>
        Mapping(node, "answers").Aggregate(Answers.Empty, (answers, pair) =>
            answers.With(Scalar(pair.Key, "an answer name"), YamlScalars.ToAnswer(pair.Value, RelativePath)));

    private static AppliedGenerator[] ReadGenerators(YamlNode node) =>
        Sequence(node, "generators").Select(item =>
        {
            var field = Fields(item, "generator");
            return new AppliedGenerator(field("name"), field("version"), field("source")) { MxVersion = OptionalField(item, "mx_version") };
        }).ToArray();

    private static PluginPin[] ReadPlugins(YamlNode node) =>
        Sequence(node, "plugins").Select(item =>
        {
            var field = Fields(item, "plugin");
            return new PluginPin(field("id"), field("version"), field("sha512"), field("source"));
        }).ToArray();

    private static InfraSettings ReadInfra(YamlNode node)
    {
        var infra = InfraSettings.Empty;
        foreach (var (key, value) in Mapping(node, "infra"))
        {
            infra = Scalar(key, "an infra setting") switch
            {
                "backend" => infra with { Backend = Scalar(value, "backend") },
                "stack" => infra with { Stack = Scalar(value, "stack") },
                "outputs" => infra with
                {
                    Outputs = Mapping(value, "outputs").ToDictionary(p => Scalar(p.Key, "an output name"), p => Scalar(p.Value, "an output value"), StringComparer.Ordinal),
                },
                var other => throw YamlScalars.Malformed(RelativePath, key, $"unknown infra setting '{other}' (expected backend, stack, outputs)"),
            };
        }
        return infra;
    }

    // Reads a mapping entry of a list (a generator, a plugin) whose fields are all required plain values.
    private static Func<string, string> Fields(YamlNode item, string what)
    {
        var fields = Mapping(item, $"a {what}").ToDictionary(p => Scalar(p.Key, "a field"), p => p.Value);
        return name => fields.TryGetValue(name, out var v)
            ? Scalar(v, name) : throw YamlScalars.Malformed(RelativePath, item, $"a {what} entry lacks '{name}'");
    }

    private static string? OptionalField(YamlNode item, string name) =>
        item is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(name), out var value) ? Scalar(value, name) : null;

    private static Dictionary<string, string> ReadFiles(YamlNode node)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, hash) in Mapping(node, "files"))
        {
            var value = Scalar(hash, "a file hash");
            if (!value.StartsWith("sha256:", StringComparison.Ordinal))
                throw YamlScalars.Malformed(RelativePath, hash, $"'{value}' is not a sha256: hash");
            files[Scalar(path, "a file path")] = value;
        }
        return files;
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Mapping(YamlNode node, string what) =>
        node is YamlMappingNode mapping ? mapping.Children
        : node is YamlScalarNode { Value: null or "" } ? []
        : throw YamlScalars.Malformed(RelativePath, node, $"{what} must be a mapping");

    private static IEnumerable<YamlNode> Sequence(YamlNode node, string what) =>
        node is YamlSequenceNode sequence ? sequence.Children
        : node is YamlScalarNode { Value: null or "" } ? []
        : throw YamlScalars.Malformed(RelativePath, node, $"{what} must be a list");

    private static string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } value } ? value
        : throw YamlScalars.Malformed(RelativePath, node, $"{what} must be a plain value");
}
