using System.Text.RegularExpressions;
using Mx.Tests.Support;

namespace Mx.Tests.Cli;

/// <summary>README's set-up works as typed on a fresh machine: a newcomer types two commands, and CI runs the same.</summary>
public class SetUpSpecs
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

    private static string[] SetUpCommands()
    {
        var section = Readme[Readme.IndexOf("## Set-up", StringComparison.Ordinal)..Readme.IndexOf("## Install mx", StringComparison.Ordinal)];
        var block = Regex.Match(section, "```bash\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        return block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Set_up_has_two_commands_and_the_test_command_installs_the_packages_the_tests_run()
    {
        var commands = SetUpCommands();
        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project Mx.Cli -- generate MLProjectSkeleton --name demo --no-input", commands[0]);
        Assert.StartsWith("./test.sh ", commands[1]);

        var script = File.ReadAllText(Path.Combine(Repository.Root, "test.sh"));
        foreach (var package in new[] { "python3-torch", "python3-omegaconf", "python3-pytest", "flake8", "black", "util-linux" })
            Assert.Contains(package, script);
        Assert.Contains("apt-get install", script);
        Assert.Contains("exec dotnet test mx.sln", script);
        Assert.True(File.GetUnixFileMode(Path.Combine(Repository.Root, "test.sh")).HasFlag(UnixFileMode.UserExecute), "test.sh is not executable");
        Assert.Contains("./test.sh --no-build", File.ReadAllText(Path.Combine(Repository.Root, ".ci", "run")));
    }

    [Fact]
    public void The_project_the_set_up_generates_is_ignored_by_git()
    {
        Assert.Contains("/demo/", File.ReadAllLines(Path.Combine(Repository.Root, ".gitignore")));
    }
}
