using Mx.Tests.Cli;
using Mx.Tests.Gateway;
using Mx.Tests.Support;

namespace Mx.Tests.Streamlit;

/// <summary>mx generate StreamlitApp through the CLI: the golden sample, several apps side by side, names in use and bad names.</summary>
public class StreamlitAppCliSpecs
{
    /// <summary>The command README shows after DeploymentInfrastructure's; samples/acme-vision-streamlit is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "StreamlitApp", "--no-input"];

    private static CliScenario WithGateway()
    {
        var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var gateway = scenario.MxIn(scenario.Project, GatewayCliSpecs.SampleArgs);
        Assert.True(gateway.ExitCode == 0, gateway.All);
        return scenario;
    }

    [Fact]
    public void The_streamlit_sample_is_the_gateway_sample_plus_the_demo_app()
    {
        using var scenario = WithGateway();

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-streamlit"), scenario.Project);
    }

    [Fact]
    public void A_second_app_lives_beside_the_first_and_update_renders_both_and_changes_nothing()
    {
        using var scenario = WithGateway();
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);

        var second = scenario.MxIn(scenario.Project, "generate", "StreamlitApp", "--name", "defect-viewer", "--no-input");
        var tree = scenario.Tree(scenario.Project);
        var updated = scenario.MxIn(scenario.Project, "update", "--no-input");

        Assert.True(second.ExitCode == 0, second.All);
        Assert.True(updated.ExitCode == 0, updated.All);
        foreach (var app in new[] { "demo", "defect-viewer" })
        {
            Assert.Contains($"infra/k8s/apps/{app}/deployment.yaml", tree.Keys);
            Assert.Contains($"FROM project AS app-{app}\n", tree["Dockerfile"]);
            Assert.Contains($"  - {app}\n", tree["infra/k8s/apps/kustomization.yaml"]);
            Assert.Contains($"hostnames:\n    - {app}.acme-vision.acme.ai", tree[$"infra/k8s/apps/{app}/route.yaml"]);
        }
        Assert.Contains("src/acme_vision/apps/defect_viewer.py", tree.Keys);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(tree["pyproject.toml"], "streamlit=="));
        // The training image stays what a build without --target produces.
        Assert.EndsWith("FROM project\nUSER 10001:10001\n# <<< mx: default target\n", tree["Dockerfile"]);
        // Updating the skeleton and the apps renders the same files again (the platform program's resources aside, which
        // the skeleton's render orders by name).
        var after = scenario.Tree(scenario.Project);
        foreach (var (path, content) in tree)
            Assert.True(content == after[path], $"{path} changed on update");
    }

    [Fact]
    public void Destroying_the_apps_gives_back_the_projects_files_as_they_were()
    {
        using var scenario = WithGateway();
        var before = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "StreamlitApp", "--name", "defect-viewer", "--no-input").ExitCode);

        var destroyed = scenario.MxIn(scenario.Project, "destroy", "StreamlitApp", "--no-input");

        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        Assert.Equal(before.Keys.Where(k => !k.StartsWith(".mx/", StringComparison.Ordinal)), after.Keys.Where(k => !k.StartsWith(".mx/", StringComparison.Ordinal)));
        foreach (var path in new[] { "Dockerfile", "pyproject.toml", "infra/pulumi/platform/Main.yaml" })
            Assert.Equal(before[path], after[path]);
    }

    [Fact]
    public void A_name_in_use_exits_2_and_changes_nothing()
    {
        using var scenario = WithGateway();
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var again = scenario.MxIn(scenario.Project, SampleArgs);
        var serve = scenario.MxIn(scenario.Project, "generate", "StreamlitApp", "--name", "serve", "--no-input");

        CliScenario.AssertBadInput(again, "a Streamlit app 'demo' already", "Choose another --name");
        CliScenario.AssertBadInput(serve, "'serve' is the name of another app behind the Gateway");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Theory]
    [InlineData("Demo")]
    [InlineData("demo_app")]
    [InlineData("-demo")]
    [InlineData("demo-")]
    [InlineData("1demo")]
    [InlineData("demo.app")]
    [InlineData("a-name-that-is-far-too-long-for-an-app-label")]
    public void A_name_that_cannot_be_a_hostname_label_namespace_and_module_exits_2(string name)
    {
        using var scenario = WithGateway();
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "StreamlitApp", "--name", name, "--no-input");

        CliScenario.AssertBadInput(result, $"'{name}' cannot name a Streamlit app");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Without_the_front_door_the_app_is_refused_with_the_command_that_adds_it()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        CliScenario.AssertBadInput(result, "mx generate DeploymentInfrastructure");
    }
}
