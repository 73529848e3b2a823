using Mx.Tests.Support;

namespace Mx.Tests.Cli;

/// <summary>
/// Input built to break a reader rather than mistyped: deep nesting, files that never end or never open,
/// values out of range. Each is a bad-input error (exit 2, one paragraph), never a crash or a hang.
/// </summary>
public class HostileInputCliSpecs
{
    private static string DeeplyNested(string key) => $"{key}: {new string('[', 100_000)}{new string(']', 100_000)}\n";

    [Fact]
    public void Deeply_nested_answers_are_refused_instead_of_overflowing_the_stack()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "a.yaml"), DeeplyNested("gcp_project"));
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input", "--answers", "a.yaml");
        CliScenario.AssertBadInput(result, "a.yaml(1,", "nested more than 256 levels");
        Assert.Equal(["a.yaml"], scenario.Tree().Keys);
    }

    [Fact]
    public void A_deeply_nested_state_is_refused_and_nothing_changes()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        File.AppendAllText(Path.Combine(scenario.Project, ".mx", "state.yaml"), DeeplyNested("extra"));
        var before = scenario.Tree();
        var result = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        CliScenario.AssertBadInput(result, ".mx/state.yaml(", "nested more than 256 levels", "git checkout -- .mx/state.yaml");
        Assert.Equal(before, scenario.Tree());
    }

    [Fact]
    public void A_gpu_count_beyond_int_range_is_invalid_from_a_flag_and_from_the_state()
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(
            scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--gpu-count", "4294967297", "--no-input"),
            "Invalid --gpu-count '4294967297'", "GPUs");
        Assert.Empty(scenario.Tree());

        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = Path.Combine(scenario.Project, ".mx", "state.yaml");
        File.WriteAllText(state, File.ReadAllText(state).Replace("  gpu_count: 1\n", "  gpu_count: 4294967297\n"));
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input"),
            "Invalid gpu_count in .mx/state.yaml '4294967297'");
    }

    [Fact]
    public void A_state_with_a_key_that_is_not_a_plain_value_names_the_line()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = Path.Combine(scenario.Project, ".mx", "state.yaml");
        File.AppendAllText(state, "[a]: b\n");
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input"),
            ".mx/state.yaml(", "a key must be a plain value");
    }

    [Fact]
    public void A_state_only_root_may_read_is_reported_to_everyone_else()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = Path.Combine(scenario.Project, ".mx", "state.yaml");
        File.SetUnixFileMode(state, UnixFileMode.None);
        try
        {
            var result = MxProcess.RunUnprivileged(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--dry-run");
            CliScenario.AssertBadInput(result, ".mx/state.yaml: it cannot be read (permission denied)", "check its permissions");
        }
        finally
        {
            File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void A_state_that_is_a_device_a_pipe_or_a_directory_is_refused_without_reading_it()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = Path.Combine(scenario.Project, ".mx", "state.yaml");
        File.Delete(state);

        File.CreateSymbolicLink(state, "/dev/zero");
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input"),
            ".mx/state.yaml: it is a device, not a regular file");
        File.Delete(state);

        MakeFifo(state);
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input"),
            ".mx/state.yaml: it is a named pipe (FIFO)");
        File.Delete(state);

        Directory.CreateDirectory(state);
        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input"),
            ".mx/state.yaml: it is a directory");
    }

    [Fact]
    public void Answers_from_a_device_or_a_pipe_are_refused_without_reading_them()
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input", "--answers", "/dev/zero"),
            "The answers file /dev/zero: it is a device");
        MakeFifo(Path.Combine(scenario.Path, "answers.yaml"));
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input", "--answers", "answers.yaml"),
            "answers.yaml: it is a named pipe (FIFO)");
        File.Delete(Path.Combine(scenario.Path, "answers.yaml"));
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void A_huge_answer_is_quoted_cut_short_in_the_error()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), $"engineers: {new string('a', 5_000_000)}\n");
        var result = scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--no-input", "--answers", "answers.yaml");
        CliScenario.AssertBadInput(result, $"'{new string('a', 79)}…' is not an email address");
        Assert.True(result.All.Length < 1000, $"the error is {result.All.Length} characters long");
    }

    [Theory]
    [InlineData("--mlflow-version", "3.9. 0")]
    [InlineData("--mlflow-version", "3.09.0")]
    [InlineData("--mlflow-version", "3.9.٠")]
    [InlineData("--torch-version", "2.5.1.")]
    [InlineData("--cuda-version", "12. 4")]
    public void A_version_that_is_not_plain_digits_and_dots_is_refused(string flag, string version)
    {
        using var scenario = new CliScenario();
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", flag, version, "--no-input"), $"Invalid {flag} '{version}'");
        Assert.Empty(scenario.Tree());
    }

    [Fact]
    public void An_answer_with_a_trailing_newline_does_not_pass_a_pattern()
    {
        using var scenario = new CliScenario();
        File.WriteAllText(Path.Combine(scenario.Path, "answers.yaml"), "mlflow_version: \"3.9.0\\n\"\ngcp_project: \"acme-prod\\n\"\n");
        CliScenario.AssertBadInput(scenario.Mx("generate", "MLProjectSkeleton", "--name", "demo", "--answers", "answers.yaml", "--no-input"), "Invalid gcp_project in the answers file");
        Assert.Equal(["answers.yaml"], scenario.Tree().Keys);
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
