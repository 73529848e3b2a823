using System.Text.Json.Nodes;

namespace Mx.Pulumi.Internal;

/// <summary>Reading what <c>kubectl get --output json</c> prints: a List's items and the metadata mx looks at.</summary>
internal static class KubeObjects
{
    /// <summary>The items of a List, none when it has none.</summary>
    public static IReadOnlyList<JsonNode> Items(string json) =>
        (JsonNode.Parse(json)?["items"] as JsonArray)?.Where(i => i is not null).Select(i => i!).ToArray() ?? [];

    public static string Kind(JsonNode o) => o["kind"]?.GetValue<string>() ?? "";

    public static string? Name(JsonNode o) => o["metadata"]?["name"]?.GetValue<string>();

    public static string Namespace(JsonNode o) => o["metadata"]?["namespace"]?.GetValue<string>() ?? "";

    public static string? Label(JsonNode o, string key) => o["metadata"]?["labels"]?[key]?.GetValue<string>();

    public static string? Annotation(JsonNode? o, string key) => o?["metadata"]?["annotations"]?[key]?.GetValue<string>();
}
