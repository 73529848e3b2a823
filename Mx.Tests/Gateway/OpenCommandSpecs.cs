using System.Text.Json;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Tests.Cli;
using Mx.Tests.Training;

namespace Mx.Tests.Gateway;

/// <summary>mx open and mx deploy --list through the CLI, against a fake kubectl and xdg-open (Fakes/fake_gateway_tool.py).</summary>
public class OpenCommandSpecs
{
    internal static RunWorld World(bool withApp = true)
    {
        var world = new RunWorld(withDocker: false, fakes: "fake_gateway_tool.py");
        world.InstallFake("xdg-open");
        var generated = world.Mx(GatewayCliSpecs.SampleArgs);
        Assert.True(generated.ExitCode == 0, generated.All);
        if (withApp)
        {
            // An app put behind the gateway by hand, through the one helper every generator uses.
            var answers = StateFile.Load(world.Project)!.Answers;
            var folder = Path.Combine(world.Project, "infra", "k8s", "docs-site");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "route.yaml"), GatewayApp.Manifests(answers, new GatewayBackend("docs", "docs", "docs-site", 8080)));
            File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - route.yaml\n");
        }
        return world;
    }

    [Fact]
    public void Open_prints_the_apps_url_and_opens_it_in_the_browser()
    {
        using var world = World();
        world.Extra["DISPLAY"] = ":0";

        var result = world.Mx("open", "docs");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("https://docs.acme-vision.acme.ai", result.Output.Trim());
        Assert.Equal(["https://docs.acme-vision.acme.ai"], world.Calls().Single(c => c.Tool == "xdg-open").Argv);
        // The manifests know the app: the cluster is not asked.
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void Print_or_a_machine_without_a_display_only_prints_the_url()
    {
        using var world = World();

        var printed = world.Mx("open", "docs", "--print");
        var headless = world.Mx("open", "docs");

        Assert.True(printed.ExitCode == 0, printed.All);
        Assert.Equal("https://docs.acme-vision.acme.ai", printed.Output.Trim());
        Assert.True(headless.ExitCode == 0, headless.All);
        Assert.Contains("Not opened in a browser: no display", headless.Output);
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "xdg-open");
    }

    [Fact]
    public void An_app_deployed_at_run_time_is_found_by_its_label_in_the_cluster()
    {
        using var world = World(withApp: false);
        var routes = Path.Combine(world.Bin, "..", "routes.json");
        File.WriteAllText(routes, new JsonArray(Route("serve", "serve.acme-vision.acme.ai", "mx-gateway"), Route("other", "other.acme-vision.acme.ai", "mx-gateway")).ToJsonString());
        world.Extra["MX_FAKE_ROUTES"] = routes;

        var result = world.Mx("open", "serve", "--print");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("https://serve.acme-vision.acme.ai", result.Output.Trim());
        Assert.Equal(["--context", "mx-acme-vision-dev", "get", "httproutes.gateway.networking.k8s.io", "--all-namespaces", "--selector", "mx.dev/app=serve", "--output", "json"],
            world.Calls().Single(c => c.Tool == "kubectl").Argv);
    }

    [Fact]
    public void An_unknown_app_exits_2_naming_the_apps_there_are()
    {
        using var world = World();

        CliScenario.AssertBadInput(world.Mx("open", "demo"), "There is no app 'demo'", "apps: docs");
    }

    [Fact]
    public void A_project_without_the_front_door_is_told_how_to_get_one()
    {
        using var world = new RunWorld(withDocker: false, fakes: "fake_gateway_tool.py");

        CliScenario.AssertBadInput(world.Mx("open", "docs"), "no front door for apps", "mx generate DeploymentInfrastructure");
    }

    [Fact]
    public void Deploy_list_shows_the_apps_of_each_deployment_with_their_urls()
    {
        using var world = World();

        var result = world.Mx("deploy", "--list", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var document = JsonDocument.Parse(result.Output);
        var apps = document.RootElement.EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!,
            d => d.GetProperty("apps").EnumerateArray().Select(a => $"{a.GetProperty("name").GetString()} {a.GetProperty("url").GetString()}").ToArray());
        Assert.Equal(["docs https://docs.acme-vision.acme.ai"], apps["docs-site"]);
        Assert.Empty(apps["gateway"]);
        var table = world.Mx("deploy", "--list");
        Assert.Contains("https://docs.acme-vision.acme.ai", table.Output);
    }

    private static JsonObject Route(string app, string host, string gateway) => new()
    {
        ["apiVersion"] = "gateway.networking.k8s.io/v1",
        ["kind"] = "HTTPRoute",
        ["metadata"] = new JsonObject { ["name"] = app, ["namespace"] = "serving", ["labels"] = new JsonObject { ["mx.dev/app"] = app } },
        ["spec"] = new JsonObject
        {
            ["parentRefs"] = new JsonArray(new JsonObject { ["name"] = gateway, ["namespace"] = "gateway", ["sectionName"] = "https" }),
            ["hostnames"] = new JsonArray(host),
        },
    };
}
