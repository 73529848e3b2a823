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

    [Fact]
    public void Generator_help_shows_defaults_allowed_values_the_required_marker_and_an_example()
    {
        using var scenario = new CliScenario();
        var help = scenario.Mx("generate", "MLProjectSkeleton", "--help");
        Assert.True(help.ExitCode == 0, help.All);
        Assert.Contains("Example: mx generate MLProjectSkeleton --name <project_name> --no-input", help.Output);
        Assert.Matches(@"--name <project_name>\s+Project name .*\[required\]", help.Output);
        Assert.Matches(@"--region <region>\s+GCP region .*\[default: us-central1\]", help.Output);
        Assert.Matches(@"--mlflow-database <in-cluster\|cloud-sql>\s+.*\[default: in-cluster\]", help.Output);
        Assert.Matches(@"--gpu-max-nodes <gpu_max_nodes>\s+.*\(1-64\) \[default: 2\]", help.Output);
    }

    [Fact]
    public void Every_option_that_takes_a_value_names_what_it_takes()
    {
        var context = new CommandContext(new Lazy<IAnsiConsole>(() => throw new InvalidOperationException("no console in this test")),
            Directory.GetCurrentDirectory(), () => new GeneratorCatalog(BuiltInGenerators.All));
        var unnamed = new List<string>();
        void Walk(Command command, string path)
        {
            foreach (var option in command.Options)
                if (option.ValueType != typeof(bool) && option is not (System.CommandLine.Help.HelpOption or VersionOption) && option.HelpName is null)
                    unnamed.Add($"{path} {option.Name}");
            foreach (var sub in command.Subcommands) Walk(sub, path + " " + sub.Name);
        }
        Walk(MxApp.CreateRoot(context, generating: true, forHelp: true), "mx");
        Assert.Empty(unnamed);

        using var scenario = new CliScenario();
        var run = scenario.Mx("run", "--help").Output;
        Assert.Contains("--logs <JOB>", run);
        Assert.Contains("-P <KEY=VALUE>", run);
    }

    [Fact]
    public void Optional_arguments_are_bracketed_in_the_root_help()
    {
        using var scenario = new CliScenario();
        var help = scenario.Mx("--help").Output;
        Assert.Contains("  lint [<PATH>...] ", help);
        Assert.Contains("  run [<entrypoint>] ", help);
        Assert.Contains("  describe <generator> ", help);
    }

    [Fact]
    public void Flow_connect_states_its_default_port_once()
    {
        using var scenario = new CliScenario();
        var help = scenario.Mx("flow", "connect", "--help").Output;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(help, "5000"));
        Assert.Contains("[default: 5000]", help);
    }

    [Fact]
    public void Lint_takes_json_as_every_other_command_does()
    {
        using var scenario = new CliScenario();
        var json = scenario.Mx("lint", "--list", "--json");
        Assert.True(json.ExitCode == 0, json.All);
        Assert.Equal(System.Text.Json.JsonDocument.Parse(scenario.Mx("lint", "--list", "--format", "json").Output).RootElement.GetRawText(),
            System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetRawText());
        CliScenario.AssertBadInput(scenario.Mx("lint", "--list", "--json", "--format", "sarif"), "--json", "sarif");
    }

    [Fact]
    public void Regenerating_in_place_does_not_suggest_changing_to_the_current_directory()
    {
        using var scenario = new CliScenario();
        var created = scenario.Mx(CliScenario.AcmeVision);
        Assert.Contains("Next: cd acme-vision and read README.md", created.Output);
        var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--gpu-max-nodes", "3", "--no-input");
        Assert.True(again.ExitCode == 0, again.All);
        Assert.DoesNotContain("cd .", again.Output);
        Assert.Contains("Next: read README.md", again.Output);
    }
}
