using Mx.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Lint;

public class EngineSpecs
{
    private const string Unpinned = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n";

    [Fact]
    public void Rule_ids_are_spelled_only_in_their_rules_so_the_engine_follows_a_renumbering()
    {
        var lint = Path.Combine(Repository.Root, "Mx.Lint");
        var spelled = Directory.EnumerateFiles(lint, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(lint, "Rules") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"MX[0-9]{4}\"").Select(m => $"{Path.GetRelativePath(lint, f)}: {m.Value}"))
            .ToList();

        Assert.True(spelled.Count == 0, string.Join("\n", spelled));
    }

    [Fact]
    public void A_warm_run_on_an_unchanged_tree_checks_no_file_and_reports_the_same_findings()
    {
        using var project = LintProject.Fixture("bad-project");
        var cold = project.Lint(RecordedTools.ForBadProject(), useCache: true);
        var tools = RecordedTools.ForBadProject();
        var warm = project.Lint(tools, useCache: true);
        Assert.Equal(cold.FilesLinted, cold.FilesChecked);
        Assert.Equal(0, warm.FilesChecked);
        Assert.Equal(warm.FilesLinted, warm.FilesFromCache);
        Assert.Empty(tools.Calls);
        Assert.Equal(cold.Findings, warm.Findings);
    }

    [Fact]
    public void Changing_one_file_rechecks_only_that_file()
    {
        using var project = LintProject.With(("a.yaml", Unpinned), ("b.yaml", Unpinned.Replace("web", "api")));
        project.Lint(useCache: true);
        project.Write("a.yaml", Unpinned.Replace("image: nginx", "image: nginx:1.27.3"));
        var report = project.Lint(useCache: true);
        Assert.Equal(1, report.FilesChecked);
        Assert.DoesNotContain(report.Findings, f => f.Path == "a.yaml" && f.RuleId == "MX1101");
        Assert.Contains(report.Findings, f => f.Path == "b.yaml" && f.RuleId == "MX1101");
    }

    [Fact]
    public void Declaring_a_queue_in_another_file_rechecks_the_job_that_names_it()
    {
        const string job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\n  labels:\n    kueue.x-k8s.io/queue-name: gpu\n";
        using var project = LintProject.With(("job.yaml", job));
        Assert.Contains(project.Lint(useCache: true).Findings, f => f.RuleId == "MX2103");
        project.Write("queue.yaml", "apiVersion: kueue.x-k8s.io/v1beta2\nkind: LocalQueue\nmetadata:\n  name: gpu\n");
        Assert.DoesNotContain(project.Lint(useCache: true).Findings, f => f.RuleId == "MX2103" && f.Path == "job.yaml");
    }

    [Fact]
    public void Outside_an_mx_project_the_working_directory_is_the_root_for_paths_under_it()
    {
        using var project = LintProject.With(("k8s/pod.yaml", Unpinned));
        Assert.Equal(project.Root, Linter.FindRoot(new LintRequest(project.Root) { Paths = ["k8s"] }));
        Assert.Equal(Path.Combine(project.Root, "k8s"), Linter.FindRoot(new LintRequest(Repository.Root) { Paths = [Path.Combine(project.Root, "k8s")] }));
        using var nested = LintProject.With((".mx/state.yaml", LintProject.State), ("infra/pod.yaml", Unpinned));
        Assert.Equal(nested.Root, Linter.FindRoot(new LintRequest(Path.Combine(nested.Root, "infra"))));
    }

    [Fact]
    public void The_cache_ignores_itself_in_git()
    {
        using var project = LintProject.With(("a.yaml", Unpinned));
        project.Lint(useCache: true);
        Assert.Equal("*", File.ReadAllLines(Path.Combine(project.Root, ".mx", "cache", ".gitignore"))[1]);
    }

    [Fact]
    public void A_damaged_cache_costs_a_full_run_and_nothing_else()
    {
        using var project = LintProject.With(("a.yaml", Unpinned));
        project.Lint(useCache: true);
        project.Write(".mx/cache/lint.json", "{ not json");
        var report = project.Lint(useCache: true);
        Assert.Equal(1, report.FilesChecked);
        Assert.Contains(report.Findings, f => f.RuleId == "MX1101");
    }

    [Fact]
    public void Files_that_gitignore_excludes_are_not_linted_unless_named()
    {
        using var project = LintProject.With((".gitignore", "build/\n*.generated.yaml\n!keep.generated.yaml\n"),
            ("build/a.yaml", Unpinned), ("x.generated.yaml", Unpinned), ("keep.generated.yaml", Unpinned), ("sub/.gitignore", "/local.yaml\n"),
            ("sub/local.yaml", Unpinned), ("sub/deeper/local.yaml", Unpinned));
        var linted = project.Lint().Findings.Where(f => f.RuleId == "MX1101").Select(f => f.Path).ToList();
        Assert.Equal(["keep.generated.yaml", "sub/deeper/local.yaml"], linted);
        Assert.Contains(project.Lint(paths: "x.generated.yaml").Findings, f => f.Path == "x.generated.yaml");
    }

    [Fact]
    public void Config_turns_rules_off_changes_severities_and_excludes_paths()
    {
        using var project = LintProject.With((".mx/lint.yaml", "rules:\n  MX1102: off\n  MX1101: note\nexclude:\n  - vendor/\n"),
            ("pod.yaml", Unpinned), ("vendor/pod.yaml", Unpinned));
        var report = project.Lint();
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "MX1102" || f.Path.StartsWith("vendor/"));
        Assert.Equal(Severity.Note, report.Findings.Single(f => f.RuleId == "MX1101").Severity);
    }

    [Theory]
    [InlineData("rules: [MX1101]\n", "lint.yaml(1,8)")]
    [InlineData("rules:\n  MX9999: off\n", "unknown rule 'MX9999'")]
    [InlineData("rules:\n  MX1101: loud\n", "'loud' is not a setting")]
    [InlineData("colour: blue\n", "unknown key 'colour'")]
    [InlineData("rules: {MX1101: off\n", "not valid YAML")]
    public void A_bad_config_is_a_usage_error_that_names_the_problem(string config, string expected)
    {
        using var project = LintProject.With((".mx/lint.yaml", config), ("pod.yaml", Unpinned));
        var error = Assert.Throws<Mx.Generators.MxException>(() => project.Lint());
        Assert.Equal(Mx.Generators.ExitCode.BadInput, error.ExitCode);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Binary_huge_and_unreadable_files_are_skipped_without_crashing()
    {
        using var project = LintProject.With(("pod.yaml", Unpinned));
        File.WriteAllBytes(Path.Combine(project.Root, "model.bin"), [0x7f, 0x45, 0x00, 0x01, 0x41, 0x4b, 0x49, 0x41]);
        File.WriteAllText(Path.Combine(project.Root, "huge.yaml"), new string('#', (int)Linter.MaxFileBytes + 1));
        File.CreateSymbolicLink(Path.Combine(project.Root, "dangling.yaml"), Path.Combine(project.Root, "missing-target.yaml"));
        File.WriteAllText(Path.Combine(project.Root, "bad-utf8.yaml"), "");
        File.WriteAllBytes(Path.Combine(project.Root, "bad-utf8.yaml"), [0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]);
        var report = project.Lint();
        Assert.Contains(report.Findings, f => f.Path == "pod.yaml" && f.RuleId == "MX1101");
        Assert.DoesNotContain(report.Findings, f => f.Path is "model.bin" or "huge.yaml" or "dangling.yaml");
        Assert.Contains(report.Notices, n => n.StartsWith("huge.yaml was skipped: it is 2 MiB", StringComparison.Ordinal));
        Assert.Contains(report.Notices, n => n.StartsWith("dangling.yaml was skipped: it cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_come_out_in_the_same_order_on_every_run()
    {
        using var project = LintProject.Fixture("bad-project");
        var first = project.Lint(RecordedTools.ForBadProject()).Findings;
        var second = project.Lint(RecordedTools.ForBadProject()).Findings;
        Assert.Equal(first, second);
        Assert.Equal(first.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column), first);
    }

    /// <summary>The golden samples of the built-in generators (the dataflow sample is a plugin's output, not a built-in's).</summary>
    [Theory]
    [InlineData("acme-vision")]
    [InlineData("acme-vision-cloudsql")]
    [InlineData("acme-vision-distributed")]
    [InlineData("acme-vision-distributed-pytorchjob")]
    [InlineData("acme-vision-queues")]
    [InlineData("acme-vision-monitoring")]
    [InlineData("acme-vision-serving")]
    [InlineData("acme-vision-reaper")]
    [InlineData("acme-vision-teams")]
    [InlineData("acme-vision-workspace")]
    [InlineData("Acme.Mx.Generators")]
    [InlineData("platform-programs")]
    public void A_built_in_generators_golden_sample_lints_clean(string sample)
    {
        using var project = LintProject.CopyOf(Path.Combine(Repository.Samples, sample));
        // The real tools when they are installed; without them the Python files are only checked for secrets.
        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });
        Assert.True(report.Active.Count() == 0, string.Join("\n", report.Active));
        Assert.Equal(0, report.ExitCode);
    }
}
