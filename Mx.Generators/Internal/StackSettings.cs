using Mx.Generators.Yaml;
using YamlDotNet.Core.Events;

namespace Mx.Generators.Internal;

/// <summary>
/// A Pulumi stack file (<c>Pulumi.&lt;stack&gt;.yaml</c>) is shared with pulumi: pulumi adds the encryption salt,
/// secrets and keys of its own, while the config keys mx renders from the answers must follow the answers. So a
/// regenerate sets exactly those keys in the file as it is, structurally, and leaves everything else alone.
/// </summary>
internal static class StackSettings
{
    public static Func<string, string> Refresh(string path, string rendered) => current =>
    {
        var wanted = Config(YamlDocument.Parse(rendered, path));
        if (wanted is null || wanted.Entries.Count == 0) return current;
        var document = YamlDocument.Parse(current, path);
        if (document.Root is not YamlMap root)
            throw new MxException($"{path} is not a Pulumi stack file: its top level must be a mapping. Fix it, or delete it to have mx write it again.");
        var config = Config(document);
        if (config is null || config.Entries.Count == 0 && config.Start.Style == MappingStyle.Flow)
        {
            config = new YamlMap(new MappingStart());
            root.Set("config", config);
        }
        var changed = false;
        foreach (var (key, value) in wanted.Entries)
        {
            if (config.Get(key.Value) is { } existing && existing.SameContent(value)) continue;
            config.Set(key.Value, value);
            changed = true;
        }
        return changed ? document.Write() : current;
    };

    private static YamlMap? Config(YamlDocument document) =>
        document.Root is YamlMap root && root.Get("config") is YamlMap config ? config : null;
}
