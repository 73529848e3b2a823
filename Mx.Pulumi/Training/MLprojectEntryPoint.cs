using Mx.Generators.Internal;
using Mx.Generators;
using YamlDotNet.RepresentationModel;

namespace Mx.Pulumi.Training;

/// <summary>
/// One entry point of the project's MLproject file: its parameters with their defaults and the command template
/// whose <c>{name}</c> placeholders they fill, the same contract <c>mlflow run</c> reads.
/// </summary>
public sealed record MLprojectEntryPoint(string Name, IReadOnlyDictionary<string, string?> Defaults, string Command)
{
    public static IReadOnlyList<MLprojectEntryPoint> Load(string projectRoot)
    {
        var path = Path.Combine(projectRoot, "MLproject");
        if (!File.Exists(path))
            throw new MxException($"{path} is missing: mx run starts the entry points it defines. Restore it with 'mx generate MLProjectSkeleton'.");
        var stream = new YamlStream();
        stream.Load(BoundedYaml.Parser(File.ReadAllText(path)));
        if (stream.Documents[0].RootNode is not YamlMappingNode root || !root.Children.TryGetValue(new YamlScalarNode("entry_points"), out var entries) || entries is not YamlMappingNode entryPoints)
            throw new MxException($"{path} has no entry_points mapping, so mx run has nothing to start.");
        return entryPoints.Children.Select(e =>
        {
            var body = (YamlMappingNode)e.Value;
            var defaults = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            if (body.Children.TryGetValue(new YamlScalarNode("parameters"), out var parameters) && parameters is YamlMappingNode map)
                foreach (var (key, value) in map.Children)
                    defaults[key.ToString()] = value is YamlMappingNode spec && spec.Children.TryGetValue(new YamlScalarNode("default"), out var d) ? d.ToString() : null;
            var command = body.Children.TryGetValue(new YamlScalarNode("command"), out var c) ? c.ToString()
                : throw new MxException($"{path}: entry point '{e.Key}' has no command.");
            return new MLprojectEntryPoint(e.Key.ToString(), defaults, command);
        }).ToArray();
    }

    /// <summary>The entry point named <paramref name="name"/>; an unknown name is an error listing the valid ones.</summary>
    public static MLprojectEntryPoint Find(string projectRoot, string name)
    {
        var entryPoints = Load(projectRoot);
        return entryPoints.FirstOrDefault(e => e.Name == name) ?? throw new MxException(
            $"MLproject has no entry point '{name}'; it has {string.Join(", ", entryPoints.Select(e => e.Name))}.");
    }

    /// <summary>
    /// The container's argv: the template is split on spaces first and each word filled in afterwards, so a value
    /// with spaces stays one argument instead of being re-split by a shell.
    /// </summary>
    public IReadOnlyList<string> Argv(IReadOnlyDictionary<string, string> given)
    {
        var unknown = given.Keys.Where(k => !Defaults.ContainsKey(k)).ToArray();
        if (unknown.Length > 0)
            throw new MxException($"Entry point '{Name}' has no parameter {string.Join(", ", unknown)}; its parameters are {string.Join(", ", Defaults.Keys)}.");
        var values = Defaults.ToDictionary(p => p.Key, p => given.TryGetValue(p.Key, out var v) ? v : p.Value);
        var missing = values.Where(v => v.Value is null).Select(v => v.Key).ToArray();
        if (missing.Length > 0)
            throw new MxException($"Entry point '{Name}' needs {string.Join(", ", missing.Select(m => $"-P {m}=VALUE"))} (no default in MLproject).");
        return Command.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => values.Aggregate(word, (w, v) => w.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal)))
            .ToArray();
    }
}
