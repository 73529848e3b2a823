using Mx.Generators;
using Mx.Pulumi;
using Mx.Generators.Yaml;
using Mx.Tests.Support;

namespace Mx.Tests.Pulumi;

public class PulumiProgramEditorSpecs
{
    private const string Program = """
        # The program's header comment.
        variables:
          labels:
            project: acme
        resources:
          # A bucket, explained.
          bucket:
            type: gcp:storage:Bucket
            properties:
              name: "acme-data"
              labels: ${labels}
        outputs:
          bucketName: ${bucket.name}

        """;

    private static Dictionary<string, IReadOnlyDictionary<string, YamlTree>> Add(string section, string name, YamlTree value) =>
        new() { [section] = new Dictionary<string, YamlTree> { [name] = value } };

    private static YamlTree Topic(string name) => YamlTree.Map(("type", YamlTree.Scalar("gcp:pubsub:Topic")), ("properties", YamlTree.Map(("name", YamlTree.Scalar(name)))));

    [Fact]
    public void Merging_adds_the_entry_by_name_and_keeps_comments_quoting_and_order()
    {
        var (text, changed) = PulumiProgramEditor.Merge(Program, "Main.yaml", Add("resources", "topic", Topic("events")));

        Assert.True(changed);
        Assert.Equal("""
            # The program's header comment.
            variables:
              labels:
                project: acme
            resources:
              # A bucket, explained.
              bucket:
                type: gcp:storage:Bucket
                properties:
                  name: "acme-data"
                  labels: ${labels}
              topic:
                type: gcp:pubsub:Topic
                properties:
                  name: events
            outputs:
              bucketName: ${bucket.name}

            """, text);
    }

    [Fact]
    public void Merging_the_same_entry_again_changes_nothing()
    {
        var (once, _) = PulumiProgramEditor.Merge(Program, "Main.yaml", Add("resources", "topic", Topic("events")));
        var (twice, changed) = PulumiProgramEditor.Merge(once, "Main.yaml", Add("resources", "topic", Topic("events")));

        Assert.False(changed);
        Assert.Equal(once, twice);
    }

    [Fact]
    public void Merging_an_entry_whose_name_is_taken_by_something_else_is_refused_as_a_conflict()
    {
        var error = Assert.Throws<MxException>(() => PulumiProgramEditor.Merge(Program, "Main.yaml", Add("resources", "bucket", Topic("events"))));

        Assert.Equal(ExitCode.Conflict, error.ExitCode);
        Assert.Contains("already has a resource named 'bucket'", error.Message);
    }

    [Fact]
    public void A_missing_section_is_created_in_pulumi_s_order()
    {
        var (text, changed) = PulumiProgramEditor.Merge("resources:\n  a:\n    type: random:RandomPet\n", "Main.yaml",
            Add("variables", "region", YamlTree.Scalar("europe-west4")));

        Assert.True(changed);
        Assert.Equal("variables:\n  region: europe-west4\nresources:\n  a:\n    type: random:RandomPet\n", text);
    }

    [Fact]
    public void A_file_that_is_not_a_program_is_refused_with_its_position()
    {
        var error = Assert.Throws<MxException>(() => PulumiProgramEditor.Merge("resources: [\n", "Main.yaml", Add("resources", "a", Topic("a"))));
        Assert.StartsWith("Main.yaml(", error.Message);
    }

    [Fact]
    public void Enabling_a_deployment_already_applied_with_extra_options_changes_nothing()
    {
        var program = File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision", "infra", "pulumi", "platform", "Main.yaml"));

        var (text, changed) = PlatformProgram.Enable(program, ["training-infra"]);

        Assert.False(changed);
        Assert.Equal(program, text);
    }

    [Fact]
    public void Enabling_a_deployment_whose_name_another_resource_has_is_a_conflict()
    {
        var program = File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision", "infra", "pulumi", "platform", "Main.yaml"));

        var error = Assert.Throws<MxException>(() => PlatformProgram.Enable(program, ["kubernetes"]));
        Assert.Equal(ExitCode.Conflict, error.ExitCode);
    }

    [Fact]
    public void Blank_lines_are_kept_between_block_entries_and_never_put_inside_a_flow_mapping()
    {
        const string program = """
            resources:
              bucket:
                type: gcp:storage:Bucket

                properties: {name: acme-data, location: EU}
                options:

                  # Kept for audits.
                  protect: true

            outputs:
              bucketName: ${bucket.name}

            """;

        var (text, changed) = PulumiProgramEditor.Merge(program, "Main.yaml", Add("resources", "topic", Topic("events")));

        Assert.True(changed);
        Assert.Equal(program.Replace("      protect: true\n", "      protect: true\n  topic:\n    type: gcp:pubsub:Topic\n    properties:\n      name: events\n"), text);
    }

    [Theory]
    [InlineData("acme-vision", "cluster")]
    [InlineData("acme-vision", "platform")]
    [InlineData("acme-vision-cloudsql", "cluster")]
    [InlineData("acme-vision-distributed", "platform")]
    public void Adding_a_deployment_leaves_every_line_of_the_program_as_it_was(string sample, string stack)
    {
        var program = File.ReadAllText(Path.Combine(Repository.Samples, sample, "infra", "pulumi", stack, "Main.yaml"));

        var (text, changed) = PlatformProgram.Enable(program, ["gpu-queues"]);

        Assert.True(changed);
        var added = text.Split('\n').ToList();
        var first = added.IndexOf("  # infra/k8s/gpu-queues, enabled with 'mx deploy gpu-queues'.");
        Assert.True(first > 0, text);
        // The comment, the resource, and (where the program declares namespaces, as the platform's does) a dependsOn on them.
        added.RemoveRange(first, stack == "platform" ? 10 : 7);
        Assert.Equal(program, string.Join('\n', added));
    }

    [Fact]
    public void The_platform_program_with_an_added_deployment_matches_its_golden_file()
    {
        var program = File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision", "infra", "pulumi", "platform", "Main.yaml"));
        using var actual = new TempDirectory();

        var (text, changed) = PlatformProgram.Enable(program, ["gpu-queues", "training-infra"]);
        Assert.True(changed);
        var problems = Validation.PulumiProgramValidator.Validate(text, projectName: "acme-vision-platform");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        File.WriteAllText(actual.Combine("Main.yaml"), text);

        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "platform-programs", "training-infra+gpu-queues"), actual.Path);
    }
}
