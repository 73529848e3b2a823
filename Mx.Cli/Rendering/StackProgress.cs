using System.Text.RegularExpressions;
using Mx.Pulumi;
using Mx.Pulumi.Events;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>
/// Prints pulumi's engine events as they come: one line per resource that changes, with its operation and how
/// long it took (from the events' own timestamps), diagnostics, and replacements in red.
/// </summary>
internal sealed partial class StackProgress(IAnsiConsole console, StackProgram program)
{
    private readonly Dictionary<string, long> _started = new(StringComparer.Ordinal);

    public List<StepMetadata> Replacements { get; } = [];

    public void Print(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case ResourcePreEvent pre:
                _started.TryAdd(pre.Metadata.Urn, pre.Timestamp);
                if (pre.Metadata.Op == ResourceOperations.Replace) Replacements.Add(pre.Metadata);
                // A preview's steps never finish, so they are shown when planned.
                if (pre.Planning && Shows(pre.Metadata)) Line(pre.Metadata, elapsed: null);
                break;
            case ResourceOutputsEvent { Planning: false } done when Shows(done.Metadata):
                Line(done.Metadata, Elapsed(done.Metadata.Urn, done.Timestamp));
                break;
            case ResourceOperationFailedEvent failed:
                console.MarkupLineInterpolated(
                    $"  [red]x {failed.Metadata.Op,-8} {failed.Metadata.Name}[/] ({failed.Metadata.Type})  failed after {Elapsed(failed.Metadata.Urn, failed.Timestamp)}");
                break;
            case DiagnosticEvent diagnostic when diagnostic.Severity != "debug" && !diagnostic.Ephemeral:
                PrintDiagnostic(diagnostic);
                break;
        }
    }

    /// <summary>The resources a preview would replace, and the properties that force it; replacing a GPU pool drains its nodes.</summary>
    public void PrintReplacements()
    {
        foreach (var replace in Replacements)
        {
            var because = replace.ReplaceKeys.Count > 0 ? $" because {string.Join(", ", replace.ReplaceKeys)} changed" : "";
            console.MarkupLineInterpolated(
                $"[red]replacement:[/] {replace.Name} ({replace.Type}) in the {program.Name} stack will be deleted and created again{because}.");
        }
    }

    private void PrintDiagnostic(DiagnosticEvent diagnostic)
    {
        var message = ColorCodes().Replace(diagnostic.Message, "").Trim();
        if (message.Length == 0) return;
        var about = diagnostic.Urn is { } urn ? $" ({new StepMetadata("", urn, "", [], [], false).Name})" : "";
        var label = diagnostic.Severity switch
        {
            "error" => "[red]error[/]",
            "warning" => "[yellow]warning[/]",
            _ => "[grey]info[/]",
        };
        console.MarkupLine($"    {label}{Markup.Escape(about)}: {Markup.Escape(message)}");
    }

    private void Line(StepMetadata step, string? elapsed)
    {
        var (symbol, color) = step.Op switch
        {
            ResourceOperations.Create => ("+", "green"),
            ResourceOperations.Update => ("~", "yellow"),
            ResourceOperations.Delete => ("-", "red"),
            ResourceOperations.Replace => ("+-", "red"),
            ResourceOperations.Import => ("=", "blue"),
            _ => ("*", "default"),
        };
        var time = elapsed is null ? "" : "  " + elapsed;
        console.MarkupLine($"  [{color}]{symbol,-2} {step.Op,-8}[/] {Markup.Escape(step.Name)} ({Markup.Escape(step.Type)}){time}");
    }

    private string Elapsed(string urn, long end) =>
        _started.TryGetValue(urn, out var start) ? Duration(Math.Max(0, end - start)) : "?";

    public static string Duration(long seconds) => seconds < 60 ? $"{seconds}s" : $"{seconds / 60}m{seconds % 60:00}s";

    private static bool Shows(StepMetadata step) =>
        !ResourceOperations.IsQuiet(step.Op) && !ResourceOperations.IsPartOfReplacement(step.Op) && step.Type != StackResourceType;

    // The stack itself is a resource to the engine, but "create acme-vision-cluster-dev" tells a user nothing.
    private const string StackResourceType = "pulumi:pulumi:Stack";

    // Diagnostics may carry pulumi's colour directives (<{%fg 1%}>) even with --color never.
    [GeneratedRegex(@"<\{%[^%]*%\}>")]
    private static partial Regex ColorCodes();
}
