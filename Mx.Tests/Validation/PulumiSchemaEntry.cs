namespace Mx.Tests.Validation;

/// <summary>A resource or function of <see cref="PulumiSchemaIndex"/>: its canonical token and property names.</summary>
/// <param name="Required">Inputs the schema marks as required.</param>
/// <param name="Nested">Inputs whose value is an object type (or a list of them), to that type's key in the index.</param>
public sealed record PulumiSchemaEntry(
    string Token,
    IReadOnlySet<string> Inputs,
    IReadOnlySet<string> Outputs,
    IReadOnlyList<string> Required,
    IReadOnlyDictionary<string, string> Nested);
