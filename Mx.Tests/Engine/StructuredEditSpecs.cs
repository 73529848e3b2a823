using Mx.Generators;
using Mx.Generators.BuiltIn;
using Mx.Tests.Support;

namespace Mx.Tests.Engine;

/// <summary>Edits of shared files are effects of the plan: applied to the user's version, recorded against mx's.</summary>
public class StructuredEditSpecs
{
    private static GenerationService Service(params IGenerator[] plugins) =>
        new(new GeneratorCatalog([.. BuiltInGenerators.All.Select(g => (g, GeneratorCatalog.BuiltInSource)), .. plugins.Select(p => (p, "Acme.Plugin"))]), prompter: null);

    private static string Skeleton(TempDirectory dir)
    {
        Service().Generate(new GenerateRequest("MLProjectSkeleton", dir.Path) { Output = "demo", Flags = Answers.Empty.With("project_name", "demo") });
        return Path.Combine(dir.Path, "demo");
    }

    [Fact]
    public void A_deployment_a_plugin_enables_reaches_the_platform_program()
    {
        using var dir = new TempDirectory();
        var project = Skeleton(dir);
        var plugin = new FakeGenerator("Queues", _ => new Plan([new FileEffect("infra/k8s/gpu-queues/kustomization.yaml", "resources: []\n")], ["gpu-queues"]));

        var outcome = Service(plugin).Generate(new GenerateRequest("Queues", project));

        Assert.True(outcome.Written);
        var program = File.ReadAllText(Path.Combine(project, PlatformProgram.Path));
        Assert.Contains("  gpu-queues:\n    type: kubernetes:kustomize/v2:Directory\n    properties:\n      directory: ../../k8s/gpu-queues\n", program);
        Assert.Contains("gpu-queues", StateFile.Load(project)!.Deployments);
        // The edit is what the skeleton itself renders for that state, so regenerating it changes nothing.
        Assert.True(Service().Generate(new GenerateRequest("MLProjectSkeleton", project)).ChangesNothing);
    }

    [Fact]
    public void An_entry_mx_owns_that_the_user_changed_stays_while_mx_wants_what_it_wrote_and_is_a_conflict_when_mx_changes_it()
    {
        using var dir = new TempDirectory();
        var project = Skeleton(dir);
        var path = Path.Combine(project, PlatformProgram.Path);
        var level = "1";
        // An edit that owns one line, as a structured edit owns its entries: it writes it with the current answer.
        static string Own(string program, string value) =>
            string.Concat(program.Split('\n').Where(l => !l.StartsWith("  # tuned:", StringComparison.Ordinal)).Select(l => l + "\n")).TrimEnd('\n') + $"\n  # tuned: {value}\n";
        var tuner = new FakeGenerator("Tuner", _ => new Plan([], edits: [new FileEdit(PlatformProgram.Path, "tune", text => Own(text, level))]));
        Assert.True(Service(tuner).Generate(new GenerateRequest("Tuner", project)).Written);
        var mine = File.ReadAllText(path).Replace("  # tuned: 1\n", "  # tuned: mine\n", StringComparison.Ordinal);
        File.WriteAllText(path, mine);

        var same = Service(tuner).Generate(new GenerateRequest("Tuner", project));
        level = "2";
        var changed = Service(tuner).Generate(new GenerateRequest("Tuner", project));

        Assert.Equal(ChangeKind.Keep, Assert.Single(same.Changes, c => c.Path == PlatformProgram.Path).Kind);
        var conflict = Assert.Single(changed.Changes, c => c.Path == PlatformProgram.Path);
        Assert.Equal(ChangeKind.Conflict, conflict.Kind);
        Assert.Contains("  # tuned: mine\n", conflict.Merged);
        Assert.Contains("  # tuned: 2\n", conflict.Merged);
        Assert.False(changed.Written);
        Assert.Equal(mine, File.ReadAllText(path));
    }

    [Fact]
    public void DistributedTraining_adds_its_deployment_to_a_platform_program_the_user_edited_and_keeps_the_edit()
    {
        using var dir = new TempDirectory();
        var project = Skeleton(dir);
        var path = Path.Combine(project, PlatformProgram.Path);
        var edited = File.ReadAllText(path) + "  # our own resources go below\n";
        File.WriteAllText(path, edited);

        var outcome = Service().Generate(new GenerateRequest("DistributedTraining", project));

        var change = Assert.Single(outcome.Changes, c => c.Path == PlatformProgram.Path);
        Assert.Equal(ChangeKind.Merge, change.Kind);
        var program = File.ReadAllText(path);
        Assert.Contains("# our own resources go below", program);
        Assert.Contains("  distributed-training:\n", program);
        // mx recorded its own version (the edit applied to what it wrote), so the user's line is still theirs.
        Assert.NotEqual(ContentHash.Of(program), StateFile.Load(project)!.Files[PlatformProgram.Path]);
        var again = Service().Generate(new GenerateRequest("MLProjectSkeleton", project));
        Assert.Equal(ChangeKind.Keep, Assert.Single(again.Changes, c => c.Path == PlatformProgram.Path).Kind);
    }

    [Fact]
    public void A_plugins_edit_of_a_file_the_skeleton_writes_survives_the_skeleton_rendering_it_again()
    {
        using var dir = new TempDirectory();
        var project = Skeleton(dir);
        var plugin = new FakeGenerator("Notes", _ => new Plan([], edits:
            [new FileEdit("README.md", "add the team's section", text => text.Contains("## Data contracts\n") ? text : text + "\n## Data contracts\n")]));
        Assert.True(Service(plugin).Generate(new GenerateRequest("Notes", project)).Written);

        var again = Service(plugin).Generate(new GenerateRequest("MLProjectSkeleton", project) { Flags = Answers.Empty.With("engineers", new[] { "ada@acme.ai" }) });

        Assert.Equal(ChangeKind.Update, Assert.Single(again.Changes, c => c.Path == "README.md").Kind);
        var readme = File.ReadAllText(Path.Combine(project, "README.md"));
        Assert.Contains("- ada@acme.ai", readme);
        Assert.EndsWith("\n## Data contracts\n", readme);
        Assert.True(Service(plugin).Generate(new GenerateRequest("MLProjectSkeleton", project)).ChangesNothing);
    }

    [Fact]
    public void An_edit_of_a_file_that_is_gone_is_refused_with_what_to_restore()
    {
        using var dir = new TempDirectory();
        var project = Skeleton(dir);
        File.Delete(Path.Combine(project, PlatformProgram.Path));
        var before = DirectorySnapshot.Read(project);

        var error = Assert.Throws<MxException>(() => Service().Generate(new GenerateRequest("DistributedTraining", project)));

        Assert.Contains($"{PlatformProgram.Path} does not exist", error.Message);
        Assert.Equal(before, DirectorySnapshot.Read(project));
    }
}
