namespace Mx.Templates;

/// <summary>
/// One file of a generator's template folder. <see cref="RelativePath"/> mirrors the output tree; a name
/// ending in <c>.sbn</c> is a Scriban template, anything else is copied as it is.
/// </summary>
public sealed record TemplateFile(string RelativePath, string Text)
{
    public const string TemplateSuffix = ".sbn";

    public bool IsTemplate => RelativePath.EndsWith(TemplateSuffix, StringComparison.Ordinal);

    public string OutputPath => IsTemplate ? RelativePath[..^TemplateSuffix.Length] : RelativePath;
}
