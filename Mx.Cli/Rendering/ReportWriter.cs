using System.Text;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>
/// Writes report lines made of plain and toned parts: through Spectre's console on a terminal (colour), as plain
/// text when output is piped. Piped output never shows colour anyway, and setting Spectre up and parsing its
/// markup would cost a cold <c>mx generate</c> about a fifth of its time.
/// </summary>
internal sealed class ReportWriter(Lazy<IAnsiConsole> console, Lazy<TextWriter?> piped)
{
    /// <summary>Plain UTF-8 text when standard output is not a terminal, else Spectre's console.</summary>
    /// <remarks>
    /// Piped output is written straight to the stream (flushed at every write, so it interleaves correctly with
    /// anything else written to it): setting up <see cref="Console.Out"/> asks the terminal for its encoding.
    /// </remarks>
    public static ReportWriter For(Lazy<IAnsiConsole> console) =>
        new(console, new(() => Console.IsOutputRedirected ? new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true } : null));

    public void Line(params ReadOnlySpan<ReportPart> parts)
    {
        if (piped.Value is { } plain)
        {
            foreach (var part in parts) plain.Write(part.Text);
            plain.WriteLine();
            return;
        }
        foreach (var part in parts) console.Value.Write(new Text(part.Text, Style(part.Tone)));
        console.Value.WriteLine();
    }

    /// <summary>Text written as it is, such as a unified diff.</summary>
    public void Raw(string text)
    {
        if (piped.Value is { } plain) plain.Write(text);
        else console.Value.Profile.Out.Writer.Write(text);
    }

    private static Style Style(ReportTone tone) => tone switch
    {
        ReportTone.Good => new Style(Color.Green),
        ReportTone.Changed => new Style(Color.Yellow),
        ReportTone.Bad => new Style(Color.Red),
        ReportTone.Quiet => new Style(Color.Grey),
        _ => Spectre.Console.Style.Plain,
    };
}
