using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NJsonSchema;

namespace Mx.Tests.Training;

/// <summary>
/// One version of an upstream CustomResourceDefinition as a JSON schema that validates like the API server's
/// strict field validation (see shared/schemas/README.md): unknown fields are errors wherever the CRD does not
/// preserve them, and the root metadata is checked as an ObjectMeta name instead of a bare object.
/// </summary>
public sealed partial class CrdSchema
{
    private readonly JsonSchema _schema;

    private CrdSchema(string apiVersion, string kind, JsonSchema schema) => (ApiVersion, Kind, _schema) = (apiVersion, kind, schema);

    public string ApiVersion { get; }

    public string Kind { get; }

    public static async Task<CrdSchema> LoadAsync(string path, string version)
    {
        var crd = YamlJson.LoadAll(await File.ReadAllTextAsync(path)).Single(d => d?["kind"]?.GetValue<string>() == "CustomResourceDefinition")!;
        var spec = crd["spec"]!;
        var served = spec["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == version && v["served"]!.GetValue<bool>())!;
        var schema = served["schema"]!["openAPIV3Schema"]!.DeepClone().AsObject();
        // Rule 3: the root metadata is a bare object in the CRD; the server checks it as ObjectMeta, done in Validate.
        Strict(schema);
        schema["properties"]!["metadata"] = new JsonObject { ["type"] = "object" };
        var group = spec["group"]!.GetValue<string>();
        return new CrdSchema($"{group}/{version}", spec["names"]!["kind"]!.GetValue<string>(), await JsonSchema.FromJsonAsync(schema.ToJsonString()));
    }

    /// <summary>Every problem the API server would reject <paramref name="resource"/> for, as text; empty when valid.</summary>
    public IReadOnlyList<string> Validate(JsonNode resource)
    {
        var problems = new List<string>();
        if (resource["apiVersion"]?.GetValue<string>() != ApiVersion) problems.Add($"apiVersion is not {ApiVersion}");
        if (resource["kind"]?.GetValue<string>() != Kind) problems.Add($"kind is not {Kind}");
        var name = resource["metadata"]?["name"]?.GetValue<string>();
        if (name is null || name.Length > 253 || !Dns1123Subdomain().IsMatch(name)) problems.Add($"metadata.name '{name}' is not a DNS-1123 subdomain");
        problems.AddRange(_schema.Validate(resource.ToJsonString()).Select(e => $"{e.Path}: {e.Kind} ({e.Property})"));
        return problems;
    }

    // Rule 1 of the README: an object node without x-kubernetes-preserve-unknown-fields or additionalProperties
    // accepts only the fields it lists. The flag is not inherited, so every schema node is visited, walking only
    // schema positions (a field may be called "type" or "items").
    private static void Strict(JsonNode? node)
    {
        if (node is not JsonObject schema) return;
        var type = schema["type"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
        if ((schema["properties"] is JsonObject || type == "object") &&
            schema["x-kubernetes-preserve-unknown-fields"] is null && schema["additionalProperties"] is null)
            schema["additionalProperties"] = false;
        if (schema["properties"] is JsonObject properties)
            foreach (var (_, child) in properties) Strict(child);
        Strict(schema["items"]);
        Strict(schema["additionalProperties"]);
        // The branches of allOf, anyOf and oneOf are value validations only: in a structural schema they may not declare
        // fields the node itself lacks, and a branch naming some of the node's fields (Gateway API's addresses name only
        // 'type' in one branch) does not forbid the others, so they are left open.
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();
}
