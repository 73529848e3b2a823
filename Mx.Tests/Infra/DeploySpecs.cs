using Mx.Pulumi;
using Mx.Tests.Cli;

namespace Mx.Tests.Infra;

public class DeploySpecs
{
    private static void AddKustomization(FakeInfra infra, string name)
    {
        var directory = Path.Combine(infra.Project, "infra", "k8s", name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n");
    }

    [Fact]
    public void Deploy_enables_a_deployment_in_the_program_and_state_and_applies_only_the_platform_stack()
    {
        using var infra = new FakeInfra("fresh");
        AddKustomization(infra, "gpu-queues");

        var result = infra.Mx("deploy", "gpu-queues", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        var program = File.ReadAllText(Path.Combine(infra.ProgramDirectory("platform"), "Main.yaml"));
        Assert.Contains("  gpu-queues:\n    type: kubernetes:kustomize/v2:Directory\n    properties:\n      directory: ../../k8s/gpu-queues\n", program);
        Assert.Contains("- gpu-queues\n- training-infra", infra.State);
        var up = Assert.Single(infra.Calls("pulumi"), c => c.Command == "up");
        Assert.Equal(infra.ProgramDirectory("platform"), up.Cwd);
        Assert.Equal(PulumiArguments.Up("dev", refresh: false), up.Argv);
        // mx made the edit, so the file still counts as mx's own: generating again reports no conflict.
        Assert.Equal(0, infra.Mx(["generate", "MLProjectSkeleton", "--dry-run", "--no-input"]).ExitCode);
    }

    [Fact]
    public void Deploy_keeps_the_users_edits_to_the_program_and_they_stay_the_users_on_the_next_generate()
    {
        using var infra = new FakeInfra("fresh");
        AddKustomization(infra, "gpu-queues");
        var path = Path.Combine(infra.ProgramDirectory("platform"), "Main.yaml");
        var edited = File.ReadAllText(path).Replace("resources:\n", "resources:\n  # our team's note on the platform\n");
        File.WriteAllText(path, edited);

        var dryRun = infra.Mx("deploy", "gpu-queues", "--dry-run", "--backend", infra.LocalBackend);
        Assert.True(dryRun.ExitCode == 0, dryRun.All);
        Assert.Contains("+  gpu-queues:", dryRun.Output);
        Assert.Equal(edited, File.ReadAllText(path));
        Assert.Empty(infra.Calls("pulumi"));

        var result = infra.Mx("deploy", "gpu-queues", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        var program = File.ReadAllText(path);
        Assert.Contains("# our team's note on the platform", program);
        Assert.Contains("  gpu-queues:\n    type: kubernetes:kustomize/v2:Directory\n", program);
        var again = infra.Mx(["generate", "MLProjectSkeleton", "--no-input"]);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("your changes to 1 file(s) stay", again.Output);
        Assert.Equal(program, File.ReadAllText(path));
    }

    [Fact]
    public void Enabling_an_enabled_deployment_again_leaves_the_program_unchanged()
    {
        using var infra = new FakeInfra("fresh");
        var path = Path.Combine(infra.ProgramDirectory("platform"), "Main.yaml");
        var before = File.ReadAllText(path);

        var result = infra.Mx("deploy", "training-infra", "--yes", "--backend", infra.LocalBackend);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("training-infra already enabled", result.Output);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void Deploying_a_directory_without_a_kustomization_exits_2_and_lists_what_exists()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("deploy", "jobs", "--yes", "--backend", infra.LocalBackend);

        CliScenario.AssertBadInput(result, "no deployment 'jobs'", "Available: training-infra");
        Assert.DoesNotContain(infra.Calls("pulumi"), c => c.Command == "up");
    }

    [Fact]
    public void Deploy_list_shows_each_deployment_and_whether_it_is_enabled()
    {
        using var infra = new FakeInfra("fresh");
        AddKustomization(infra, "gpu-queues");

        var result = infra.Mx("deploy", "--list", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        using var document = System.Text.Json.JsonDocument.Parse(result.Output);
        var listed = document.RootElement.EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("enabled").GetBoolean())).ToArray();
        Assert.Equal([("gpu-queues", false), ("training-infra", true)], listed);
        Assert.Empty(infra.Calls());
    }
}
