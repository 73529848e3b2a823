using System.CommandLine;
using System.CommandLine.Help;
using Mx.Cli;
using Mx.Cli.Rendering;
using Mx.Generators;
using Spectre.Console;

namespace Mx.Tests.Cli;

public class RootHelpSpecs
{
    private static string StandardHelp(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpAction();
        var output = new StringWriter();
        root.Parse("--help").Invoke(new InvocationConfiguration { Output = output });
        return output.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void Mx_help_is_exactly_what_System_CommandLine_would_write()
    {
        var context = new CommandContext(new Lazy<IAnsiConsole>(() => throw new InvalidOperationException("no console in this test")),
            Directory.GetCurrentDirectory(), () => throw new InvalidOperationException("no catalog in this test"));
        var root = MxApp.CreateRoot(context, generating: false);
        var standard = BracketOptionalArguments(StandardHelp(MxApp.CreateRoot(context, generating: false)), root);
        Assert.Equal(standard, RootHelp.Render(root, int.MaxValue));
    }

    [Fact]
    public void Optional_arguments_are_bracketed_in_the_list_of_commands()
    {
        var root = new RootCommand("A tool.")
        {
            new Command("lint", "Check.") { new Argument<string[]>("PATH") { Arity = ArgumentArity.ZeroOrMore } },
            new Command("run", "Run.") { new Argument<string?>("entrypoint") { Arity = ArgumentArity.ZeroOrOne } },
            new Command("add", "Add.") { new Argument<string>("id") },
        };
        var text = RootHelp.Render(root, int.MaxValue);
        Assert.Contains("\n  lint [<PATH>...]    Check.\n", text);
        Assert.Contains("\n  run [<entrypoint>]  Run.\n", text);
        Assert.Contains("\n  add <id>            Add.\n", text);
        Assert.Equal(BracketOptionalArguments(StandardHelp(root), root), text);
    }

    // The one deliberate difference from System.CommandLine's root help: its list of commands shows an optional
    // argument as <PATH>, which reads as required. This rewrites those labels and re-pads the section as
    // System.CommandLine would have with them.
    private static string BracketOptionalArguments(string help, RootCommand root)
    {
        const string Heading = "Commands:\n";
        var start = help.IndexOf(Heading, StringComparison.Ordinal) + Heading.Length;
        var rows = help[start..].TrimEnd('\n').Split('\n').Select(line =>
        {
            var text = line[2..];
            var gap = text.IndexOf("  ", StringComparison.Ordinal);
            return (Label: text[..gap], Description: text[gap..].TrimStart());
        }).ToList();
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            var plain = command.Name + string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => " <" + a.Name + ">"));
            var bracketed = command.Name + string.Concat(command.Arguments.Where(a => !a.Hidden).Select(a => " " + RootHelp.ArgumentLabel(a)));
            var index = rows.FindIndex(r => r.Label == plain);
            rows[index] = (bracketed, rows[index].Description);
        }
        var width = rows.Max(r => r.Label.Length) + 2;
        return help[..start] + string.Concat(rows.Select(r => "  " + r.Label.PadRight(width) + r.Description + "\n")) + "\n";
    }

    [Fact]
    public void Aliases_hidden_symbols_and_arguments_are_shown_as_System_CommandLine_shows_them()
    {
        RootCommand Build()
        {
            var root = new RootCommand("A tool.")
            {
                new Command("zeta", "Last.") { new Argument<string>("target") },
                new Command("alpha", "First.") { Aliases = { "a" } },
                new Command("secret", "Hidden.") { Hidden = true },
            };
            root.Options.Add(new Option<bool>("--dry-run", "-n", "/n") { Description = "Plan only" });
            root.Options.Add(new Option<bool>("--quiet") { Hidden = true });
            return root;
        }
        Assert.Equal(StandardHelp(Build()), RootHelp.Render(Build(), int.MaxValue));
    }

    [Fact]
    public void Descriptions_wrap_under_their_column_at_the_terminal_width()
    {
        var root = new RootCommand("A tool.") { new Command("go", "one two three four five six") };
        var text = RootHelp.Render(root, width: 30);
        Assert.EndsWith("Commands:\n  go  one two three four five\n      six\n\n", text);
    }
}
