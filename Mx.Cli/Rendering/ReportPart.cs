namespace Mx.Cli.Rendering;

/// <summary>A run of report text and its tone; plain text converts implicitly.</summary>
internal readonly record struct ReportPart(string Text, ReportTone Tone = ReportTone.Plain)
{
    public static implicit operator ReportPart(string text) => new(text);
}
