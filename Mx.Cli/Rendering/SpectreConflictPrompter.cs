using Mx.Generators;
using Spectre.Console;

namespace Mx.Cli.Rendering;

/// <summary>
/// Asks, per conflicting file, what to do with it, in the vocabulary of Rails' and Yeoman's generators:
/// overwrite, keep mine, write the merge with conflict markers, show the diff first, or quit with nothing written.
/// </summary>
internal sealed class SpectreConflictPrompter(IAnsiConsole console) : IConflictPrompter
{
    private const string Overwrite = "overwrite with mx's version (yours is backed up under .mx/backup/)";
    private const string KeepMine = "keep mine";
    private const string Markers = "write the merge with conflict markers";
    private const string ShowDiff = "show the diff";
    private const string Quit = "quit (write nothing)";

    public ConflictResolution? Decide(FileChange conflict)
    {
        while (true)
        {
            var choices = conflict.Merged is not null && conflict.Current is not null && conflict.Planned is not null
                ? new[] { Overwrite, KeepMine, Markers, ShowDiff, Quit }
                : new[] { Overwrite, KeepMine, ShowDiff, Quit };
            var answer = console.Prompt(new SelectionPrompt<string>()
                .Title($"[red]conflict[/] {Markup.Escape(conflict.Path)}: {Markup.Escape(Why(conflict))}")
                .AddChoices(choices));
            switch (answer)
            {
                case Overwrite: return ConflictResolution.Theirs;
                case KeepMine: return ConflictResolution.Mine;
                case Markers: return ConflictResolution.Markers;
                case Quit: return null;
            }
            console.Profile.Out.Writer.Write(UnifiedDiff.Create(conflict.Current ?? "", conflict.Planned ?? "",
                conflict.Current is null ? "/dev/null" : "yours/" + conflict.Path, conflict.Planned is null ? "/dev/null" : "mx/" + conflict.Path));
        }
    }

    private static string Why(FileChange conflict) =>
        conflict.Current is null ? "you deleted it and mx now writes something else there"
        : conflict.Planned is null ? "you changed it and mx no longer writes it"
        : "your version and mx's disagree on the same lines (or mx never wrote this file)";
}
