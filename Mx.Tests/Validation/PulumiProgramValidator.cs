using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Validation;

/// <summary>
/// Checks a Pulumi YAML program (Main.yaml, or a Pulumi.yaml with resources) against
/// <see cref="PulumiSchemaIndex"/> and the rules of the Pulumi YAML language as pulumi-yaml implements them:
/// resource types and keys, property and option names (in nested objects too), <c>fn::invoke</c> functions and arguments, and
/// that every <c>${...}</c> starts from a declared name and reads an output that exists.
/// </summary>
public sealed partial class PulumiProgramValidator
{
    // pulumi-yaml's ResourceDecl fields. It also silently skips `condition` and `metadata`; those are
    // reported here, since a Kubernetes `metadata` at this level is a property put in the wrong place.
    private static readonly HashSet<string> ResourceKeys = ["type", "name", "defaultProvider", "properties", "options", "get"];

    // pulumi-yaml's ResourceOptionsDecl fields; the docs' table lists only the older ones.
    private static readonly HashSet<string> ResourceOptions =
    [
        "additionalSecretOutputs", "aliases", "customTimeouts", "deleteBeforeReplace", "deletedWith", "dependsOn",
        "envVarMappings", "hideDiffs", "ignoreChanges", "import", "parent", "pluginDownloadURL", "protect", "provider",
        "providers", "replaceOnChanges", "replaceWith", "replacementTrigger", "retainOnDelete", "version",
    ];

    private static readonly HashSet<string> GetKeys = ["id", "state"];
    private static readonly HashSet<string> InvokeKeys = ["function", "arguments", "options", "return"];
    private static readonly HashSet<string> InvokeOptions = ["dependsOn", "parent", "provider", "version", "pluginDownloadURL"];
    private static readonly HashSet<string> PulumiBuiltins = ["cwd", "organization", "project", "rootDirectory", "stack"];

    // Engine-provided on every resource, so never listed among a schema's outputs.
    private static readonly HashSet<string> ImplicitOutputs = ["id", "urn"];

    private readonly PulumiSchemaIndex index;
    private readonly List<string> problems = [];
    private readonly Dictionary<string, PulumiSchemaEntry?> resources = new(StringComparer.Ordinal);
    private readonly HashSet<string> variables = new(StringComparer.Ordinal);
    private readonly HashSet<string> config = new(StringComparer.Ordinal);
    private string? projectName;

    private PulumiProgramValidator(PulumiSchemaIndex index) => this.index = index;

    /// <summary>
    /// The problems of a generated stack's program (its <c>Main.yaml</c> text) with the config keys and name of the
    /// stack's <c>Pulumi.yaml</c> (<paramref name="projectFile"/>, its text).
    /// </summary>
    public static IReadOnlyList<string> ValidateStack(string program, string projectFile)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(projectFile));
        var project = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var declaredConfig = project.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("config"), out var config)
            ? ((YamlDotNet.RepresentationModel.YamlMappingNode)config).Children.Keys.Select(k => k.ToString()) : [];
        return Validate(program, declaredConfig, project["name"].ToString());
    }

    /// <summary>Returns one human-readable line per problem found; none for a valid program.</summary>
    /// <param name="program">The YAML text.</param>
    /// <param name="configKeys">
    /// Config keys the stack will have beyond the program's own <c>config:</c> section, e.g. <c>gcp:project</c>.
    /// </param>
    /// <param name="projectName">The project name, when the program text has no <c>name:</c> (as in Main.yaml).</param>
    /// <param name="index">The schema index; <see cref="PulumiSchemaIndex.Shared"/> by default.</param>
    public static IReadOnlyList<string> Validate(
        string program,
        IEnumerable<string>? configKeys = null,
        string? projectName = null,
        PulumiSchemaIndex? index = null)
    {
        var validator = new PulumiProgramValidator(index ?? PulumiSchemaIndex.Shared);
        validator.Run(program, configKeys ?? [], projectName);
        return validator.problems;
    }

    private void Run(string program, IEnumerable<string> configKeys, string? explicitProjectName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(program));
        }
        catch (YamlException e)
        {
            problems.Add($"not valid YAML: {e.Message}");
            return;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add("the program is not a YAML mapping");
            return;
        }

        projectName = explicitProjectName ?? (Child(root, "name") as YamlScalarNode)?.Value;
        // `configuration` is the beta name of `config`, still accepted with a deprecation warning.
        var declaredConfig = Entries(root, "config").Concat(Entries(root, "configuration")).Select(e => e.Key);
        foreach (var key in configKeys.Concat(declaredConfig))
        {
            config.Add(StripProject(key));
        }

        variables.UnionWith(Entries(root, "variables").Select(e => e.Key));

        // Every name is declared before any is checked: references may point forward.
        foreach (var (name, node) in Entries(root, "resources"))
        {
            resources[name] = DeclareResource($"resources.{name}", node);
        }

        foreach (var (name, node) in Entries(root, "resources"))
        {
            CheckResource($"resources.{name}", node as YamlMappingNode, resources[name]);
            Walk(node, $"resources.{name}");
        }

        foreach (var (name, node) in Entries(root, "variables"))
        {
            Walk(node, $"variables.{name}");
        }

        foreach (var (name, node) in Entries(root, "outputs"))
        {
            Walk(node, $"outputs.{name}");
        }
    }

    private PulumiSchemaEntry? DeclareResource(string path, YamlNode node)
    {
        if (node is not YamlMappingNode resource)
        {
            problems.Add($"{path}: a resource must be a mapping");
            return null;
        }

        if (Child(resource, "type") is not YamlScalarNode { Value: { Length: > 0 } type })
        {
            problems.Add($"{path}: the resource has no type");
            return null;
        }

        var entry = index.FindResource(type);
        if (entry is null)
        {
            problems.Add($"{path}.type: unknown resource type '{type}' (not in {Packages()})");
        }

        return entry;
    }

    private void CheckResource(string path, YamlMappingNode? resource, PulumiSchemaEntry? entry)
    {
        if (resource is null)
        {
            return;
        }

        foreach (var (key, _) in Entries(resource))
        {
            if (!ResourceKeys.Contains(key))
            {
                problems.Add($"{path}.{key}: unknown resource key (valid: {string.Join(", ", ResourceKeys)})");
            }
        }

        CheckKeys($"{path}.options", Child(resource, "options"), ResourceOptions, "resource option");
        var get = Child(resource, "get");
        CheckKeys($"{path}.get", get, GetKeys, "get key");
        if (entry is null)
        {
            return;
        }

        var properties = Child(resource, "properties");
        if (properties is YamlMappingNode propertyMap)
        {
            foreach (var (key, value) in Entries(propertyMap))
            {
                if (!entry.Inputs.Contains(key))
                {
                    problems.Add($"{path}.properties.{key}: unknown property of {entry.Token}");
                }
                else if (entry.Nested.TryGetValue(key, out var type))
                {
                    CheckObject($"{path}.properties.{key}", value, type);
                }
            }
        }

        // Properties given as one `${...}` expression cannot be checked for completeness, and a `get` needs none.
        if (get is null && properties is null or YamlMappingNode)
        {
            var given = properties is YamlMappingNode map ? Entries(map).Select(e => e.Key).ToHashSet() : [];
            foreach (var required in entry.Required.Where(r => !given.Contains(r)))
            {
                problems.Add($"{path}.properties: missing required property '{required}' of {entry.Token}");
            }
        }

        foreach (var (key, _) in Entries(Child(get, "state") as YamlMappingNode))
        {
            if (!HasOutput(entry, key))
            {
                problems.Add($"{path}.get.state.{key}: unknown property of {entry.Token}");
            }
        }
    }

    // A nested value of an object type (or a list of them) uses only that type's property names, and all of its
    // required ones. Values computed by an expression or a builtin call cannot be checked before they run.
    private void CheckObject(string path, YamlNode value, string typeKey)
    {
        if (index.FindType(typeKey) is not { } type)
        {
            return;
        }

        if (value is YamlSequenceNode list)
        {
            var i = 0;
            foreach (var item in list)
            {
                CheckObject($"{path}[{i++}]", item, typeKey);
            }

            return;
        }

        if (value is not YamlMappingNode mapping || IsBuiltinCall(mapping))
        {
            return;
        }

        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, child) in Entries(mapping))
        {
            given.Add(key);
            if (!type.Properties.Contains(key))
            {
                problems.Add($"{path}.{key}: unknown property of {type.Key}");
            }
            else if (type.Nested.TryGetValue(key, out var nested))
            {
                CheckObject($"{path}.{key}", child, nested);
            }
        }

        foreach (var required in type.Required.Where(r => !given.Contains(r)))
        {
            problems.Add($"{path}: missing required property '{required}' of {type.Key}");
        }
    }

    private static bool IsBuiltinCall(YamlMappingNode mapping) =>
        mapping.Children.Count == 1 && Entries(mapping).Single().Key.StartsWith("fn::", StringComparison.OrdinalIgnoreCase);

    // Visits every value that pulumi-yaml evaluates as an expression: strings are interpolated, and a
    // single-key mapping whose key starts with `fn::` is a builtin call.
    private void Walk(YamlNode node, string path)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } value }:
                CheckInterpolations(path, value);
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Walk(sequence.Children[i], $"{path}[{i}]");
                }

                break;
            case YamlMappingNode mapping:
                if (mapping.Children.Count == 1)
                {
                    CheckBuiltin(path, Entries(mapping).Single());
                }

                foreach (var (key, value) in Entries(mapping))
                {
                    Walk(value, $"{path}.{key}");
                }

                break;
        }
    }

    private void CheckBuiltin(string path, (string Key, YamlNode Value) call)
    {
        if (call.Key.Equals("fn::invoke", StringComparison.OrdinalIgnoreCase))
        {
            CheckInvoke($"{path}.{call.Key}", call.Value);
        }
        else if (InvokeShorthand().IsMatch(call.Key))
        {
            CheckInvokeCall($"{path}.{call.Key}", call.Key["fn::".Length..], call.Value as YamlMappingNode);
        }
    }

    private void CheckInvoke(string path, YamlNode invoke)
    {
        if (invoke is not YamlMappingNode map)
        {
            problems.Add($"{path}: fn::invoke takes a mapping of {string.Join(", ", InvokeKeys)}");
            return;
        }

        CheckKeys(path, map, InvokeKeys, "fn::invoke key");
        CheckKeys($"{path}.options", Child(map, "options"), InvokeOptions, "invoke option");
        if (Child(map, "function") is not YamlScalarNode { Value: { } function })
        {
            problems.Add($"{path}: fn::invoke has no function");
            return;
        }

        var entry = CheckInvokeCall(path, function, Child(map, "arguments") as YamlMappingNode);
        if (entry is not null && Child(map, "return") is YamlScalarNode { Value: { } returned } && !entry.Outputs.Contains(returned))
        {
            problems.Add($"{path}.return: '{returned}' is not a result of {entry.Token}");
        }
    }

    private PulumiSchemaEntry? CheckInvokeCall(string path, string function, YamlMappingNode? arguments)
    {
        var entry = index.FindFunction(function);
        if (entry is null)
        {
            problems.Add($"{path}: unknown function '{function}' (not in {Packages()})");
            return null;
        }

        var given = Entries(arguments).Select(e => e.Key).ToHashSet();
        foreach (var argument in given.Where(a => !entry.Inputs.Contains(a)))
        {
            problems.Add($"{path}.arguments.{argument}: unknown argument of {entry.Token}");
        }

        foreach (var required in entry.Required.Where(r => !given.Contains(r)))
        {
            problems.Add($"{path}.arguments: missing required argument '{required}' of {entry.Token}");
        }

        return entry;
    }

    private void CheckInterpolations(string path, string value)
    {
        var accesses = PulumiPropertyAccess.FindAll(value, out var error);
        if (accesses is null)
        {
            problems.Add($"{path}: {error} in '{value}'");
            return;
        }

        foreach (var access in accesses)
        {
            if (resources.TryGetValue(access.Root, out var entry))
            {
                if (entry is not null && access.FirstProperty is { } property && !HasOutput(entry, property))
                {
                    problems.Add($"{path}: {access.Text} reads '{property}', which is not an output of {entry.Token}");
                }
            }
            else if (access.Root == "pulumi")
            {
                if (access.FirstProperty is { } property && !PulumiBuiltins.Contains(property))
                {
                    problems.Add($"{path}: {access.Text} is not a pulumi builtin ({string.Join(", ", PulumiBuiltins)})");
                }
            }
            else if (!variables.Contains(access.Root) && !config.Contains(access.Root) && !config.Contains(StripProject(access.Root)))
            {
                problems.Add($"{path}: {access.Text} refers to '{access.Root}', which is no resource, variable or config key");
            }
        }
    }

    // Provider resources have no outputs in the index; their inputs are what a program can read back.
    private static bool HasOutput(PulumiSchemaEntry entry, string property) =>
        ImplicitOutputs.Contains(property) ||
        entry.Outputs.Contains(property) ||
        (entry.Outputs.Count == 0 && entry.Inputs.Contains(property));

    private void CheckKeys(string path, YamlNode? node, HashSet<string> valid, string what)
    {
        foreach (var (key, _) in Entries(node as YamlMappingNode))
        {
            if (!valid.Contains(key))
            {
                problems.Add($"{path}.{key}: unknown {what} (valid: {string.Join(", ", valid)})");
            }
        }
    }

    // pulumi-yaml reads `project:key` as the project's own `key`.
    private string StripProject(string key) =>
        projectName is not null && key.StartsWith(projectName + ":", StringComparison.Ordinal) ? key[(projectName.Length + 1)..] : key;

    private string Packages() => string.Join(", ", index.PackageVersions.Select(p => $"{p.Key} {p.Value}"));

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static IEnumerable<(string Key, YamlNode Value)> Entries(YamlNode? node, string key) => Entries(Child(node, key) as YamlMappingNode);

    private static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode? mapping) =>
        mapping?.Children.Select(c => ((c.Key as YamlScalarNode)?.Value ?? "", c.Value)) ?? [];

    // `fn::<package>:<module>(:<name>)` is pulumi-yaml's shorthand for fn::invoke with the mapping as arguments.
    [GeneratedRegex("^fn::[^:]+:[^:]+(:[^:]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InvokeShorthand();
}
