using System.Text.Json.Nodes;
using Mx.Tests.Cli;

namespace Mx.Tests.Workspaces;

/// <summary>mx workspace keep through the CLI against the fake cluster of Fakes/fake_workspace_tool.py.</summary>
public class WorkspaceKeepSpecs
{
    private const string Image = "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:abc123";

    private static WorkspaceWorld Running()
    {
        var world = new WorkspaceWorld();
        var created = world.Mx("workspace", "create", "ada-gpu", "--gpus", "1", "--image", Image, "--yes");
        Assert.True(created.ExitCode == 0, created.All);
        return world;
    }

    private static string[][] Annotates(WorkspaceWorld world) =>
        world.Run.Calls().Where(c => c.Tool == "kubectl" && c.Argv.Contains("annotate")).Select(c => c.Argv).ToArray();

    [Fact]
    public void Keep_writes_the_reapers_two_annotations_on_the_pod_and_list_shows_until_when()
    {
        using var world = Running();

        var kept = world.Mx("workspace", "keep", "ada-gpu", "--until", "3d", "--reason", "benchmark over the weekend");
        var listed = world.Mx("workspace", "list", "--json");

        Assert.True(kept.ExitCode == 0, kept.All);
        var argv = Assert.Single(Annotates(world));
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "training", "annotate", "pod/ws-ada-gpu", "--overwrite"], argv[..7]);
        Assert.Matches(@"^mx\.dev/keep-until=\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", argv[7]);
        Assert.Equal("mx.dev/keep-reason=benchmark over the weekend", argv[8]);
        Assert.Contains("is kept from the idle reaper until", kept.Output);
        var row = JsonNode.Parse(listed.Output)!.AsArray().Single()!;
        Assert.Equal(argv[7]["mx.dev/keep-until=".Length..], row["keep_until"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2020-01-01", "has passed")]
    [InlineData("8d", "more than 7 days ahead")]
    [InlineData("next friday", "not a time mx reads")]
    public void A_past_too_distant_or_unreadable_until_is_refused_and_nothing_is_annotated(string until, string message)
    {
        using var world = Running();

        var refused = world.Mx("workspace", "keep", "ada-gpu", "--until", until, "--reason", "demo");

        CliScenario.AssertBadInput(refused, message);
        Assert.Empty(Annotates(world));
    }

    [Fact]
    public void A_stopped_workspace_or_another_users_is_not_kept()
    {
        using var world = Running();
        world.Run.Extra["MX_FAKE_ACCOUNT"] = "alan@acme.ai";
        var others = world.Mx("workspace", "keep", "ada-gpu", "--until", "1d", "--reason", "demo");
        world.Run.Extra["MX_FAKE_ACCOUNT"] = "ada@acme.ai";
        Assert.Equal(0, world.Mx("workspace", "stop", "ada-gpu").ExitCode);
        var stopped = world.Mx("workspace", "keep", "ada-gpu", "--until", "1d", "--reason", "demo");

        CliScenario.AssertBadInput(others, "belongs to ada@acme.ai");
        CliScenario.AssertBadInput(stopped, "is stopped");
        Assert.Empty(Annotates(world));
    }
}
