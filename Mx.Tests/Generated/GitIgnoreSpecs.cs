using System.Diagnostics;

namespace Mx.Tests.Generated;

public class GitIgnoreSpecs(GeneratedProject project) : IClassFixture<GeneratedProject>
{
    [Fact]
    public void Git_ignores_the_lock_of_a_running_mx_but_not_its_state()
    {
        Assert.Equal(0, Git("init", "-q"));
        Assert.Equal(0, Git("check-ignore", "-q", ".mx/lock"));
        Assert.Equal(1, Git("check-ignore", "-q", ".mx/state.yaml"));
    }

    private int Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = project.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var git = Process.Start(start)!;
        git.WaitForExit();
        return git.ExitCode;
    }
}
