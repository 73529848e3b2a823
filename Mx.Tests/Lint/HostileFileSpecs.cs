using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

/// <summary>Files that would crash or stall a reader: each becomes a finding or a notice, and the run goes on.</summary>
public class HostileFileSpecs
{
    private const string Unpinned = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n";

    private static string DeeplyNested(string key) => $"{key}: {new string('[', 100_000)}{new string(']', 100_000)}\n";

    [Fact]
    public void A_deeply_nested_yaml_file_is_a_syntax_finding_and_the_other_files_are_still_linted()
    {
        using var project = LintProject.With(("deep.yaml", DeeplyNested("a")), ("pod.yaml", Unpinned));
        var report = project.Lint();
        var finding = Assert.Single(report.Findings, f => f.Path == "deep.yaml");
        Assert.Equal("MX9004", finding.RuleId);
        Assert.Contains("nested more than 256 levels", finding.Message);
        Assert.Contains(report.Findings, f => f.Path == "pod.yaml" && f.RuleId == "MX1101");
    }

    [Fact]
    public void A_deeply_nested_state_is_a_state_finding()
    {
        using var project = LintProject.With((".mx/state.yaml", LintProject.State + "\n" + DeeplyNested("extra")));
        Assert.Contains(project.Lint().Findings, f => f.Path == ".mx/state.yaml" && f.RuleId == "MX6101" && f.Message.Contains("nested more than 256 levels"));
    }

    [Fact]
    public void A_deeply_nested_lint_config_is_a_usage_error()
    {
        using var project = LintProject.With((".mx/lint.yaml", DeeplyNested("rules")), ("pod.yaml", Unpinned));
        var error = Assert.Throws<Mx.Generators.MxException>(() => project.Lint());
        Assert.Equal(Mx.Generators.ExitCode.BadInput, error.ExitCode);
        Assert.Contains(".mx/lint.yaml(1,", error.Message);
        Assert.Contains("nested more than 256 levels", error.Message);
    }

    [Fact]
    public void A_lint_config_that_is_a_device_is_a_usage_error()
    {
        using var project = LintProject.With(("pod.yaml", Unpinned));
        Directory.CreateDirectory(Path.Combine(project.Root, ".mx"));
        File.CreateSymbolicLink(Path.Combine(project.Root, ".mx", "lint.yaml"), "/dev/zero");
        var error = Assert.Throws<Mx.Generators.MxException>(() => project.Lint());
        Assert.Contains(".mx/lint.yaml: it is a device", error.Message);
    }

    [Fact]
    public void A_binary_state_is_reported_rather_than_skipped()
    {
        using var project = LintProject.With(("pod.yaml", Unpinned));
        Directory.CreateDirectory(Path.Combine(project.Root, ".mx"));
        var garbage = new byte[3000];
        new Random(27).NextBytes(garbage);
        garbage[10] = 0;
        File.WriteAllBytes(Path.Combine(project.Root, ".mx", "state.yaml"), garbage);
        Assert.Contains(project.Lint().Findings, f => f.Path == ".mx/state.yaml" && f.RuleId == "MX6101");
    }

    [Fact]
    public void Devices_and_pipes_are_skipped_with_a_notice_instead_of_read_forever()
    {
        using var project = LintProject.With(("pod.yaml", Unpinned));
        HostileInputCliSpecs.MakeFifo(Path.Combine(project.Root, "pipe.yaml"));
        File.CreateSymbolicLink(Path.Combine(project.Root, "zero.yaml"), "/dev/zero");

        var result = MxProcess.Run(project.Root, "lint", "--no-cache");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("pod.yaml:8:14  MX1101", result.Output);
        Assert.Contains("pipe.yaml was skipped: it is a named pipe (FIFO), not a regular file.", result.All);
        Assert.Contains("zero.yaml was skipped: it is a device, not a regular file.", result.All);
    }
}
