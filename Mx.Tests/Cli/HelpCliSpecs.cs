using System.CommandLine;
using Mx.Cli;
using Mx.Generators;
using Mx.Generators.BuiltIn;
using Spectre.Console;

namespace Mx.Tests.Cli;

/// <summary>Help is where a new user starts: every way of asking for it works, and errors point back at it.</summary>
public class HelpCliSpecs
{
    /// <summary>Every command of the tree, generator subcommands included, as the words a user types.</summary>
    public static TheoryData<string> Commands()
    {
        var context = new CommandContext(new Lazy<IAnsiConsole>(() => throw new InvalidOperationException("no console in this test")),
            Directory.GetCurrentDirectory(), () => new GeneratorCatalog(BuiltInGenerators.All));
        var data = new TheoryData<string>();
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                data.Add((path + " " + sub.Name).Trim());
                Walk(sub, path + " " + sub.Name);
            }
        }
        Walk(MxApp.CreateRoot(context, generating: true), "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_of_every_command_exits_0_and_shows_its_usage(string command)
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx([.. command.Split(' '), "--help"]);
        Assert.True(result.ExitCode == 0, $"mx {command} --help exited {result.ExitCode}: {result.All}");
        Assert.Contains("Usage:\n  mx " + command, result.Output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("error:", result.All);
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void Bare_mx_shows_the_commands_instead_of_an_error()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx();
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("Commands:", result.Output);
        Assert.Contains("generate", result.Output);
        Assert.DoesNotContain("error:", result.All);
    }

    [Fact]
    public void An_unknown_flag_points_at_the_help_of_the_full_command()
    {
        using var scenario = new CliScenario();
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--bogus");
        CliScenario.AssertBadInput(result, "'--bogus'", "Run 'mx generate MLProjectSkeleton --help'");
        CliScenario.AssertBadInput(scenario.Mx("plugin", "add"), "Run 'mx plugin add --help'");
        Assert.Empty(scenario.Tree());
    }
}
