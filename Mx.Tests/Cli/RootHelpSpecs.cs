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
        Assert.Equal(StandardHelp(MxApp.CreateRoot(context, generating: false)), RootHelp.Render(root, int.MaxValue));
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
