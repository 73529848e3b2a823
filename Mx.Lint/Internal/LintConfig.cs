using Mx.Generators;
using Mx.Generators.Internal;
using Mx.Lint.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>
/// <c>.mx/lint.yaml</c>: rules turned off or given another severity, paths left out (gitignore patterns), and
/// the DaemonSets allowed privileged or host access. A config that cannot be read is a usage error (exit 2).
/// </summary>
internal sealed class LintConfig
{
    public const string RelativePath = ".mx/lint.yaml";

    private static readonly string[] DefaultHostAccessAllowList =
        ["nvidia-driver-installer", "nvidia-gpu-device-plugin", "nvidia-dcgm-exporter", "dcgm-exporter", "node-exporter", "prometheus-node-exporter"];

    public static readonly LintConfig Default = new(new Dictionary<string, Severity?>(), [], DefaultHostAccessAllowList, "");

    private readonly IReadOnlyDictionary<string, Severity?> _rules;

    private LintConfig(IReadOnlyDictionary<string, Severity?> rules, IReadOnlyList<string> exclude, IReadOnlyList<string> hostAccessAllowList, string text)
    {
        _rules = rules;
        Exclude = exclude;
        HostAccessAllowList = hostAccessAllowList;
        Text = text;
    }

    public IReadOnlyList<string> Exclude { get; }

    /// <summary>DaemonSets (<c>name</c> or <c>namespace/name</c>) that may run privileged or use host paths and namespaces.</summary>
    public IReadOnlyList<string> HostAccessAllowList { get; }

    /// <summary>The file's text, part of the cache key.</summary>
    public string Text { get; }

    public bool IsEnabled(Rule rule) => !_rules.TryGetValue(rule.Id, out var severity) || severity is not null;

    public Severity SeverityOf(Rule rule) => _rules.TryGetValue(rule.Id, out var severity) && severity is { } s ? s : rule.DefaultSeverity;

    public bool AllowsHostAccess(KubeObject o) =>
        o.Kind == "DaemonSet" && o.Name is { } name &&
        HostAccessAllowList.Any(entry => entry == name || entry == $"{o.Namespace}/{name}");

    public static LintConfig Load(string root)
    {
        var path = Path.Combine(root, ".mx", "lint.yaml");
        if (!Path.Exists(path)) return Default;
        return Parse(UserFile.ReadText(path, RelativePath, "Make it a readable YAML file, or delete it to use the defaults."));
    }

    public static LintConfig Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(BoundedYaml.Parser(text));
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            var mark = e is YamlException y ? y.Start : Mark.Empty;
            throw Invalid(mark, $"not valid YAML: {e.Message}");
        }
        var root = stream.Documents.FirstOrDefault()?.RootNode;
        if (root is null || root is YamlScalarNode { Value: null or "" }) return Default;
        if (root is not YamlMappingNode) throw Invalid(root.Start, "the configuration must be a mapping");

        var rules = new Dictionary<string, Severity?>(StringComparer.Ordinal);
        var exclude = new List<string>();
        var allow = new List<string>(DefaultHostAccessAllowList);
        foreach (var (key, keyNode, value) in root.Entries())
        {
            switch (key)
            {
                case "rules":
                    if (value is not YamlMappingNode && value is not YamlScalarNode { Value: null or "" }) throw Invalid(value.Start, "'rules' must map rule ids to off, error, warning or note");
                    foreach (var (id, idNode, setting) in value.Entries())
                    {
                        if (RuleCatalog.Find(id) is null) throw Invalid(idNode.Start, $"unknown rule '{id}' (see 'mx lint --list')");
                        rules[id] = setting.Text()?.ToLowerInvariant() switch
                        {
                            "off" or "false" => null,
                            "error" => Severity.Error,
                            "warning" => Severity.Warning,
                            "note" => Severity.Note,
                            var other => throw Invalid(setting.Start, $"'{other}' is not a setting for {id} (use off, error, warning or note)"),
                        };
                    }
                    break;
                case "exclude":
                    exclude.AddRange(Strings(value, "exclude"));
                    break;
                case "host_access_allow":
                    allow.AddRange(Strings(value, "host_access_allow"));
                    break;
                default:
                    throw Invalid(keyNode.Start, $"unknown key '{key}' (expected rules, exclude, host_access_allow)");
            }
        }
        return new LintConfig(rules, exclude, allow, text);
    }

    private static IEnumerable<string> Strings(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: null or "" }) return [];
        if (node is not YamlSequenceNode sequence) throw Invalid(node.Start, $"'{what}' must be a list");
        return sequence.Children.Select(item => item.Text() ?? throw Invalid(item.Start, $"every '{what}' entry must be a plain value")).ToList();
    }

    private static MxException Invalid(Mark mark, string what) =>
        new($"{RelativePath}({Math.Max(1, mark.Line)},{Math.Max(1, mark.Column)}): {what.TrimEnd('.')}. Fix the file or delete it to use the defaults.");
}
