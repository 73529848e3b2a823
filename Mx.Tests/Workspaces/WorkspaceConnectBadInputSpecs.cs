using System.Text.Json.Nodes;
using Mx.Tests.Cli;

namespace Mx.Tests.Workspaces;

/// <summary>
/// What reaching a workspace refuses, each with exit 2 and one message saying what to do, before anything connects;
/// the proxy says it on standard error, as its standard output is ssh's connection.
/// </summary>
public class WorkspaceConnectBadInputSpecs
{
    public static TheoryData<string[]> Commands => new()
    {
        new[] { "workspace", "proxy", "{name}", "--project", "{project}" },
        new[] { "workspace", "ssh", "{name}", "--", "true" },
        new[] { "workspace", "jupyter", "{name}", "--no-browser", "--port", "{port}" },
        new[] { "workspace", "sync", "{name}" },
    };

    private static string[] Args(string[] command, WorkspaceConnectWorld world, string name) =>
        command.Select(a => a.Replace("{name}", name).Replace("{project}", world.Project).Replace("{port}", FreePort().ToString())).ToArray();

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void AssertRefused(Mx.Tests.Support.MxProcess.Result result, string[] command, params string[] fragments)
    {
        Assert.True(result.ExitCode == 2, $"expected exit 2, got {result.ExitCode}: {result.All}");
        var said = command[1] == "proxy" ? result.Error : result.Output;
        if (command[1] == "proxy") Assert.Equal("", result.Output);
        Assert.StartsWith("error:", said.TrimStart());
        foreach (var fragment in fragments) Assert.Contains(fragment, said.ReplaceLineEndings(" "));
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("Exception", result.All);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_workspace_that_does_not_exist_is_named_with_how_to_list_and_create_one(string[] command)
    {
        using var world = new WorkspaceConnectWorld();

        var result = world.Mx(Args(command, world, "ghost"));

        if (command[1] is "ssh" or "sync")
            AssertRefused(result, command, "no ssh entry for workspace 'ghost'", "mx workspace create ghost");
        else
            AssertRefused(result, command, "There is no workspace 'ghost' in namespace training", "mx workspace list", "mx workspace create ghost");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Another_users_workspace_is_refused_naming_its_owner(string[] command)
    {
        using var world = new WorkspaceConnectWorld();
        world.Workspaces(new JsonObject { ["ws1"] = new JsonObject { ["owner"] = "alan@acme.ai" } });

        var result = world.Mx(Args(command, world, "ws1"));

        AssertRefused(result, command, "Workspace 'ws1' in namespace training belongs to alan@acme.ai, not to you (ada@acme.ai)");
        Assert.DoesNotContain(world.Run.Calls(), c => c.Argv.Contains("port-forward"));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Without_a_cluster_connection_mx_says_to_run_mx_connect(string[] command)
    {
        using var world = new WorkspaceConnectWorld();
        world.Run.Extra["MX_FAKE_NO_CONTEXT"] = "1";

        var result = world.Mx(Args(command, world, "ws1"));

        AssertRefused(result, command, "no connection to the cluster of acme-vision", "kubectl knows no context mx-acme-vision-dev", "mx connect");
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("sync")]
    public void Ssh_and_sync_without_the_ssh_entry_say_to_run_mx_workspace_create(string verb)
    {
        using var world = new WorkspaceConnectWorld(withEntry: false);

        var result = world.Mx("workspace", verb, "ws1");

        AssertRefused(result, ["workspace", verb], "no ssh entry for workspace 'ws1' (no 'Host mx-acme-vision-ws1' in", "Run 'mx workspace create ws1'");
        Assert.Empty(world.Run.Calls());
    }

    [Theory]
    [InlineData("proxy")]
    [InlineData("ssh")]
    [InlineData("sync")]
    [InlineData("jupyter")]
    public void A_name_that_is_no_dns_label_is_refused_before_any_tool_runs(string verb)
    {
        using var world = new WorkspaceConnectWorld();

        var result = world.Mx("workspace", verb, "Ada_Dev");

        AssertRefused(result, ["workspace", verb], "'Ada_Dev' cannot name a workspace");
        Assert.Empty(world.Run.Calls());
    }

    [Fact]
    public void A_stopped_workspace_is_refused_with_how_to_start_it()
    {
        using var world = new WorkspaceConnectWorld();
        world.Workspaces(new JsonObject { ["ws1"] = new JsonObject { ["owner"] = WorkspaceConnectWorld.Owner, ["phase"] = "Pending" } });

        var result = world.Mx("workspace", "proxy", "ws1");

        AssertRefused(result, ["workspace", "proxy"], "Workspace 'ws1' is not running (its pod ws-ws1-0 is Pending)", "mx workspace start ws1");
    }
}
