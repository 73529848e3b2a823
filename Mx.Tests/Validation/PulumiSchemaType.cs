namespace Mx.Tests.Validation;

/// <summary>
/// An object type of a provider's inputs (e.g. <c>gcp:sql.DatabaseInstanceSettings</c>): the property names a nested
/// mapping may use, the ones it must use, and which of them are object types again.
/// </summary>
public sealed record PulumiSchemaType(
    string Key,
    IReadOnlySet<string> Properties,
    IReadOnlyList<string> Required,
    IReadOnlyDictionary<string, string> Nested);
