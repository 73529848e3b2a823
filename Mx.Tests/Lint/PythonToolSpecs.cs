using Mx.Lint.Internal.Python;

namespace Mx.Tests.Lint;

public class PythonToolSpecs
{
    [Fact]
    public void Ruff_json_output_becomes_findings_with_project_relative_paths()
    {
        const string json = """
            [{"cell":null,"code":"F401","end_location":{"column":11,"row":2},"filename":"/work/p/src/app/main.py","fix":null,
              "location":{"column":8,"row":2},"message":"`sys` imported but unused","noqa_row":2,"url":"https://docs.astral.sh/ruff/rules/unused-import"},
             {"cell":null,"code":null,"end_location":{"column":1,"row":4},"filename":"/work/p/bad.py","fix":null,
              "location":{"column":5,"row":3},"message":"SyntaxError: Expected an expression","noqa_row":null,"url":null}]
            """;
        Assert.Equal(
            [
                new ToolFinding("src/app/main.py", 2, 8, "MX7101", "F401 `sys` imported but unused (ruff)"),
                new ToolFinding("bad.py", 3, 5, "MX7101", "syntax-error SyntaxError: Expected an expression (ruff)"),
            ],
            PythonToolOutput.Ruff(json, "/work/p"));
    }

    [Fact]
    public void Flake8_and_black_output_recorded_from_the_real_tools_becomes_findings()
    {
        var recorded = Path.Combine(Support.Repository.Root, "Mx.Tests", "Fixtures", "recorded-tools");
        Assert.Equal(
            [
                new ToolFinding("src/app/main.py", 2, 1, "MX7101", "F401 'sys' imported but unused (flake8)"),
                new ToolFinding("src/app/main.py", 5, 11, "MX7101", "E231 missing whitespace after ',' (flake8)"),
                new ToolFinding("src/app/main.py", 6, 26, "MX7101", "E231 missing whitespace after ',' (flake8)"),
            ],
            PythonToolOutput.Flake8(File.ReadAllText(Path.Combine(recorded, "flake8.stdout")), "/p"));
        Assert.Equal([new ToolFinding("src/app/main.py", 1, 1, "MX7102", "black would reformat this file")],
            PythonToolOutput.Black(File.ReadAllText(Path.Combine(recorded, "black.stderr")), "/p"));
    }

    [Fact]
    public void The_tools_get_exact_argument_lists_with_the_ruff_line_length_when_they_have_no_config_of_their_own()
    {
        var ruffOnly = new PyprojectSettings(100, HasBlackSection: false, HasFlake8Config: false);
        Assert.Equal(["check", "--output-format=json", "--no-fix", "--force-exclude", "--exit-zero", "a.py"], PythonToolchain.RuffArguments(["a.py"]));
        Assert.Equal(["--max-line-length=100", "--extend-ignore=E203,W503", "a.py"], PythonToolchain.Flake8Arguments(ruffOnly, ["a.py"]));
        Assert.Equal(["--check", "--line-length", "100", "a.py"], PythonToolchain.BlackArguments(ruffOnly, ["a.py"]));
        var ownConfig = new PyprojectSettings(100, HasBlackSection: true, HasFlake8Config: true);
        Assert.Equal(["a.py"], PythonToolchain.Flake8Arguments(ownConfig, ["a.py"]));
        Assert.Equal(["--check", "a.py"], PythonToolchain.BlackArguments(ownConfig, ["a.py"]));
    }

    [Fact]
    public void Ruff_is_preferred_and_a_missing_toolchain_is_one_clear_warning()
    {
        Assert.Null(PythonToolchain.Detect(new FakePath("ruff")).Missing);
        Assert.Null(PythonToolchain.Detect(new FakePath("flake8", "black")).Missing);
        Assert.StartsWith("Python files were only partly linted: black is not on PATH", PythonToolchain.Detect(new FakePath("flake8")).Missing);
        using var project = LintProject.With(("app.py", "import os\n"));
        var report = project.Lint(new FakePath());
        Assert.Equal(["Python files were not linted: neither ruff nor flake8 and black is on PATH. Install ruff (pip install ruff) or flake8 and black (apt-get install flake8 black)."],
            report.Notices);
        Assert.Equal(0, report.ExitCode);
    }

    [FactWhenOnPath("flake8", "black")]
    public void The_real_flake8_and_black_report_the_bad_project_as_recorded()
    {
        using var project = LintProject.Fixture("bad-project");
        var report = new Mx.Lint.Linter(new WithoutRuff()).Run(new Mx.Lint.LintRequest(project.Root) { UseCache = false, Paths = ["src"] });
        Assert.Equal(
            ["1:1 MX7102 black would reformat this file", "2:1 MX7101 F401 'sys' imported but unused (flake8)",
             "5:11 MX7101 E231 missing whitespace after ',' (flake8)", "6:26 MX7101 E231 missing whitespace after ',' (flake8)"],
            report.Findings.Where(f => f.Path == "src/app/main.py").Select(f => $"{f.Line}:{f.Column} {f.RuleId} {f.Message}"));
    }

    private sealed class FakePath(params string[] tools) : IToolRunner
    {
        public string? Find(string name) => tools.Contains(name) ? "/fake/" + name : null;
        public ToolResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory) => new(0, "", "");
    }

    // The real tools, minus ruff, so that this test exercises the flake8 and black path wherever it runs.
    private sealed class WithoutRuff : IToolRunner
    {
        private readonly ProcessToolRunner _real = new();
        public string? Find(string name) => name == "ruff" ? null : _real.Find(name);
        public ToolResult Run(string executable, IReadOnlyList<string> arguments, string workingDirectory) => _real.Run(executable, arguments, workingDirectory);
    }
}
