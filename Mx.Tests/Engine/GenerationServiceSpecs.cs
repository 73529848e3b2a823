using Mx.Generators;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

public class GenerationServiceSpecs
{
    private static GenerationService ServiceWith(params IGenerator[] generators) => new(new GeneratorCatalog(generators), prompter: null);

    private static readonly Parameter Name = new("project_name", ParameterType.String, "Project name") { OptionName = "name" };

    [Fact]
    public void A_generator_that_builds_on_another_says_which_to_run_first()
    {
        using var dir = new TempDirectory();
        StateFile.Save(dir.Path, ProjectState.Empty);
        var addOn = new FakeGenerator("AddOn", _ => new Plan([])) { Requires = ["Base"] };
        var error = Assert.Throws<MxException>(() => ServiceWith(addOn).Generate(new GenerateRequest("AddOn", dir.Path)));
        Assert.Contains("Run 'mx generate Base' first", error.Message);
    }

    [Fact]
    public void A_plan_that_writes_outside_the_project_is_refused_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        var rogue = new FakeGenerator("Rogue", _ => new Plan([new FileEffect("fine.txt", "x"), new FileEffect("../outside.txt", "x")]), Name) { CreatesProject = true };
        var error = Assert.Throws<MxException>(() => ServiceWith(rogue).Generate(new GenerateRequest("Rogue", dir.Path) { Flags = Answers.Empty.With("project_name", "demo") }));
        Assert.Contains("outside the project root", error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_dry_run_classifies_every_file_and_writes_nothing()
    {
        using var dir = new TempDirectory();
        var version = "1";
        var generator = new FakeGenerator("Files", _ => new Plan([
            new FileEffect("a.txt", "a\n"), new FileEffect("b.txt", "b\n"), new FileEffect("c.txt", $"c{version}\n"),
            new FileEffect("d.txt", $"d\nd\nd\nd\nd{version}\n"), new FileEffect("e.txt", "e\n"), new FileEffect("f.txt", $"f{version}\n"),
        ]), Name) { CreatesProject = true };
        var request = new GenerateRequest("Files", dir.Path) { Flags = Answers.Empty.With("project_name", "demo") };
        ServiceWith(generator).Generate(request);
        File.WriteAllText(Path.Combine(dir.Path, "demo", "b.txt"), "edited\n");
        File.Delete(Path.Combine(dir.Path, "demo", "a.txt"));
        File.WriteAllText(Path.Combine(dir.Path, "demo", "c.txt"), "edited\n");
        File.WriteAllText(Path.Combine(dir.Path, "demo", "d.txt"), "edited\nd\nd\nd\nd1\n");
        version = "2";
        var before = DirectorySnapshot.Read(dir.Path);

        var outcome = ServiceWith(generator).Generate(request with { DryRun = true });

        Assert.Equal([ChangeKind.Keep, ChangeKind.Keep, ChangeKind.Conflict, ChangeKind.Merge, ChangeKind.Unchanged, ChangeKind.Update],
            outcome.Changes.Select(c => c.Kind));
        Assert.Equal("edited\nd\nd\nd\nd2\n", outcome.Changes[3].Merged);
        Assert.False(outcome.Written);
        Assert.Equal(before, DirectorySnapshot.Read(dir.Path));
    }

    private static readonly Parameter Pipeline = new("pipeline_name", ParameterType.String, "Pipeline name");

    [Fact]
    public void A_fixed_path_the_plan_no_longer_has_is_deleted_and_forgotten()
    {
        using var dir = new TempDirectory();
        StateFile.Save(dir.Path, ProjectState.Empty);
        var withExtra = true;
        var generator = new FakeGenerator("Optional", _ => new Plan(withExtra ? [new("main.txt", "m\n"), new("extra.txt", "e\n")] : [new FileEffect("main.txt", "m\n")]))
        {
            Writes = ["main.txt", "extra.txt"],
        };
        ServiceWith(generator).Generate(new GenerateRequest("Optional", dir.Path));
        withExtra = false;

        var outcome = ServiceWith(generator).Generate(new GenerateRequest("Optional", dir.Path));

        Assert.Equal([ChangeKind.Unchanged, ChangeKind.Delete], outcome.Changes.Select(c => c.Kind));
        Assert.False(File.Exists(Path.Combine(dir.Path, "extra.txt")));
        Assert.Equal(["main.txt"], StateFile.Load(dir.Path)!.Files.Keys);
    }

    [Fact]
    public void A_path_with_an_answer_in_it_is_one_instance_and_another_answer_adds_a_second()
    {
        using var dir = new TempDirectory();
        StateFile.Save(dir.Path, ProjectState.Empty);
        var generator = new FakeGenerator("Pipelines", c => new Plan([new FileEffect($"pipelines/{c.Answers.GetString("pipeline_name")}/run.py", "pass\n")]), Pipeline)
        {
            Writes = ["pipelines/<pipeline_name>/run.py"],
        };
        ServiceWith(generator).Generate(new GenerateRequest("Pipelines", dir.Path) { Flags = Answers.Empty.With("pipeline_name", "etl") });

        var second = ServiceWith(generator).Generate(new GenerateRequest("Pipelines", dir.Path) { Flags = Answers.Empty.With("pipeline_name", "ingest") });

        Assert.Equal([ChangeKind.Create], second.Changes.Select(c => c.Kind));
        Assert.True(File.Exists(Path.Combine(dir.Path, "pipelines", "etl", "run.py")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "pipelines", "ingest", "run.py")));
    }
}
