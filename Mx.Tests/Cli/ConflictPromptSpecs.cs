using Mx.Cli.Rendering;
using Mx.Generators;

namespace Mx.Tests.Cli;

public class ConflictPromptSpecs
{
    private static readonly FileChange Conflict = new("conf/config.yaml", ChangeKind.Conflict, "lr: 0.0003\n", "lr: 0.01\n")
    {
        Merged = "<<<<<<< yours\nlr: 0.0003\n=======\nlr: 0.01\n>>>>>>> mx\n",
    };

    private static readonly ConsoleKeyInfo Down = new('\0', ConsoleKey.DownArrow, false, false, false);
    private static readonly ConsoleKeyInfo Enter = new('\r', ConsoleKey.Enter, false, false, false);

    [Fact]
    public void Show_diff_prints_both_versions_and_asks_again_until_a_decision()
    {
        var console = new ScriptedConsole(Down, Down, Down, Enter, Down, Enter);

        var decision = new SpectreConflictPrompter(console).Decide(Conflict);

        Assert.Equal(ConflictResolution.Mine, decision);
        Assert.Contains("--- yours/conf/config.yaml", console.Output);
        Assert.Contains("-lr: 0.0003", console.Output);
        Assert.Contains("+lr: 0.01", console.Output);
        Assert.Contains("conflict conf/config.yaml", console.Output);
    }

    [Theory]
    [InlineData(0, "Theirs")]
    [InlineData(2, "Markers")]
    [InlineData(4, null)]
    public void Each_choice_maps_to_its_decision_and_quit_to_none(int downs, string? expected)
    {
        var console = new ScriptedConsole([.. Enumerable.Repeat(Down, downs), Enter]);
        Assert.Equal(expected, new SpectreConflictPrompter(console).Decide(Conflict)?.ToString());
    }

    private sealed class Always(ConflictResolution? decision) : IConflictPrompter
    {
        public int Asked { get; private set; }

        public ConflictResolution? Decide(FileChange conflict)
        {
            Asked++;
            return decision;
        }
    }

    [Fact]
    public void The_engine_asks_per_conflict_writes_markers_when_told_and_writes_nothing_on_quit()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var readme = Path.Combine(scenario.Project, "README.md");
        File.WriteAllText(readme, File.ReadAllText(readme).Replace("- alan@acme.ai\n", "- alan@acme.ai (on leave)\n"));
        var flags = Answers.Empty.With("engineers", new[] { "ada@acme.ai" });
        var catalog = new GeneratorCatalog(Mx.Generators.BuiltIn.BuiltInGenerators.All);
        var before = scenario.Tree();

        var quitter = new Always(null);
        var quit = new GenerationService(catalog, null, quitter).Generate(new GenerateRequest("MLProjectSkeleton", scenario.Project) { Flags = flags });
        Assert.True(quit.Quit);
        Assert.Equal(1, quitter.Asked);
        Assert.Equal(before, scenario.Tree());

        var marker = new Always(ConflictResolution.Markers);
        var marked = new GenerationService(catalog, null, marker).Generate(new GenerateRequest("MLProjectSkeleton", scenario.Project) { Flags = flags });
        Assert.True(marked.Written);
        Assert.Equal("README.md", Assert.Single(marked.MarkedConflicts).Path);
        var text = File.ReadAllText(readme);
        Assert.Contains("- ada@acme.ai\n<<<<<<< yours\n- alan@acme.ai (on leave)\n=======\n>>>>>>> mx\n", text);
    }
}
