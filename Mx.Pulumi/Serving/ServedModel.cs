namespace Mx.Pulumi.Serving;

/// <summary>
/// One InferenceService of the serving namespace as <c>mx serve</c> and <c>mx serve list</c> report it: what it serves,
/// whether KServe says it is ready (and why not), where it answers inside the cluster and, once the project has a
/// gateway, from outside.
/// </summary>
public sealed record ServedModel(
    string Name,
    string? Model,
    string? StorageUri,
    bool Ready,
    string? Reason,
    string InternalUrl,
    string? Url)
{
    /// <summary>The Open Inference Protocol path MLServer answers predictions on.</summary>
    public string InferPath => $"/v2/models/{Name}/infer";
}
