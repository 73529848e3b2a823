namespace Mx.Generators;

/// <summary>Write <see cref="Content"/> to <see cref="Path"/>, a '/'-separated path relative to the project root.</summary>
public sealed record FileEffect(string Path, string Content);
