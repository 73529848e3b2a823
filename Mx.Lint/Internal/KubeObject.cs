using YamlDotNet.RepresentationModel;

namespace Mx.Lint.Internal;

/// <summary>A Kubernetes object in a YAML document: a mapping with <c>apiVersion</c> and <c>kind</c>.</summary>
internal sealed record KubeObject(YamlMappingNode Root, string ApiVersion, string Kind)
{
    public YamlNode? Metadata => Root.Get("metadata");
    public string? Name => Metadata.Get("name").Text();
    public string? Namespace => Metadata.Get("namespace").Text();
    public YamlNode? Labels => Metadata.Get("labels");
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>Where object-level findings point: the document's first key, so a suppression comment can sit above it.</summary>
    public int Line => Root.Line();

    /// <summary>kustomize's own files look like objects but are build instructions, never sent to the API server.</summary>
    public bool IsApiObject => !Group.EndsWith("kustomize.config.k8s.io", StringComparison.Ordinal);

    public string Describe => Name is { } name ? $"{Kind} '{name}'" : Kind;

    public static KubeObject? From(YamlNode? root) =>
        root is YamlMappingNode mapping && mapping.Get("apiVersion").Text() is { } apiVersion && mapping.Get("kind").Text() is { } kind
            ? new KubeObject(mapping, apiVersion, kind) : null;
}
