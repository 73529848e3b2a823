using Mx.Lint.Internal.Python;
using Mx.Pulumi.Internal;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

/// <summary>mx lint's Python tools run through mx's one process runner, with the lint tools' environment.</summary>
public class ProcessToolRunnerSpecs
{
    [Fact]
    public void A_python_tool_is_found_on_path_and_run_by_its_full_path_without_colour_or_standard_input()
    {
        using var dir = new TempDirectory();
        var bin = dir.Combine("bin");
        var work = dir.Combine("work");
        Directory.CreateDirectory(bin);
        Directory.CreateDirectory(work);
        var script = Path.Combine(bin, "flake8");
        File.WriteAllText(script, "#!/bin/sh\necho \"NO_COLOR=$NO_COLOR\"\npwd\necho \"$1\"\necho \"stdin=$(cat)\"\necho oops >&2\nexit 1\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new ProcessToolRunner(new ToolRunner(name => name == "PATH" ? bin : Environment.GetEnvironmentVariable(name)));

        var found = runner.Find("flake8");
        var result = runner.Run(found!, ["a file.py"], work);

        Assert.Equal(script, found);
        Assert.Null(runner.Find("black"));
        Assert.Equal(["NO_COLOR=1", work, "a file.py", "stdin="], result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("oops", result.Error.Trim());
        Assert.Equal(1, result.ExitCode);
    }
}
