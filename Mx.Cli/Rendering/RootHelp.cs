using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text;

namespace Mx.Cli.Rendering;

/// <summary>
/// Writes <c>mx --help</c> (description, usage, options, commands) in System.CommandLine's layout, and leaves
/// every subcommand's help to System.CommandLine. Its general-purpose help builder costs two thirds of a cold
/// <c>mx --help</c>, the command people run most when they first meet mx. One deliberate difference: an optional
/// argument is bracketed (<c>lint [&lt;PATH&gt;...]</c>), as System.CommandLine does in a command's own usage line
/// but not in the list of commands, where <c>lint &lt;PATH&gt;</c> reads as required.
/// </summary>
internal sealed class RootHelp(HelpAction standard) : SynchronousCommandLineAction
{
    private const string Indent = "  ";

    public override int Invoke(ParseResult parseResult)
    {
        if (parseResult.CommandResult.Command is not RootCommand root) return standard.Invoke(parseResult);
        var width = Console.IsOutputRedirected ? int.MaxValue : Math.Max(Console.WindowWidth, 40);
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
        output.Write(Render(root, width));
        return 0;
    }

    /// <summary>The help text, with second columns wrapped to <paramref name="width"/>.</summary>
    public static string Render(RootCommand root, int width)
    {
        var text = new StringBuilder();
        text.Append("Description:\n").Append(Indent).Append(root.Description).Append("\n\n");
        text.Append("Usage:\n").Append(Indent).Append(root.Name).Append(" [command] [options]\n\n");

        // Help and version come last, as System.CommandLine orders them.
        var options = new List<(string, string)>();
        foreach (var builtIn in new[] { false, true })
            foreach (var option in root.Options)
                if (!option.Hidden && (option is HelpOption or VersionOption) == builtIn)
                    options.Add((Label(option.Name, option.Aliases), option.Description ?? ""));
        Section(text, "Options:", options, width);

        var commands = new List<(string, string)>();
        foreach (var command in root.Subcommands)
        {
            if (command.Hidden) continue;
            var usage = new StringBuilder(Label(command.Name, command.Aliases));
            foreach (var argument in command.Arguments)
                if (!argument.Hidden) usage.Append(' ').Append(ArgumentLabel(argument));
            commands.Add((usage.ToString(), command.Description ?? ""));
        }
        Section(text, "Commands:", commands, width);
        return text.ToString();
    }

    /// <summary>"&lt;NAME&gt;" when required, "[&lt;NAME&gt;]" when optional, with "..." when it takes several values.</summary>
    public static string ArgumentLabel(Argument argument)
    {
        var label = "<" + argument.Name + ">" + (argument.Arity.MaximumNumberOfValues > 1 ? "..." : "");
        return argument.Arity.MinimumNumberOfValues == 0 ? "[" + label + "]" : label;
    }

    // "-?, -h, --help": names ordered by prefix ('-', '--', '/') then by name, one per name ('-h' hides '/h').
    private static string Label(string name, ICollection<string> aliases)
    {
        var names = new List<(string Prefix, string Bare)>(aliases.Count + 1) { SplitPrefix(name) };
        foreach (var alias in aliases) names.Add(SplitPrefix(alias));
        names.Sort((a, b) => StringComparer.OrdinalIgnoreCase.Compare(a.Prefix, b.Prefix) is var byPrefix and not 0
            ? byPrefix : StringComparer.OrdinalIgnoreCase.Compare(a.Bare, b.Bare));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var label = new StringBuilder();
        foreach (var (prefix, bare) in names)
        {
            if (!seen.Add(bare)) continue;
            if (label.Length > 0) label.Append(", ");
            label.Append(prefix).Append(bare);
        }
        return label.ToString();
    }

    private static (string Prefix, string Bare) SplitPrefix(string name) =>
        name.StartsWith("--", StringComparison.Ordinal) ? ("--", name[2..])
        : name.StartsWith('-') || name.StartsWith('/') ? (name[..1], name[1..])
        : ("", name);

    private static void Section(StringBuilder text, string heading, List<(string First, string Second)> rows, int width)
    {
        if (rows.Count == 0) return;
        text.Append(heading).Append('\n');
        var first = 0;
        foreach (var row in rows) first = Math.Max(first, row.First.Length);
        var column = Indent.Length + first + 2;
        foreach (var (name, description) in rows)
        {
            text.Append(Indent).Append(name.PadRight(first + 2));
            var lines = Wrap(description, Math.Max(width - column, 20));
            for (var i = 0; i < lines.Count; i++)
                (i == 0 ? text : text.Append(' ', column)).Append(lines[i]).Append('\n');
            if (lines.Count == 0) text.Append('\n');
        }
        text.Append('\n');
    }

    private static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }
            if (line.Length > 0) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > 0) lines.Add(line.ToString());
        return lines;
    }
}
