namespace Mx.Templates;

/// <summary>A template that does not parse or render; the message names every failing place as <c>path(line,col)</c>.</summary>
public sealed class TemplateException(string message) : Exception(message);
