using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Gateway;

public class GatewayCliSpecs
{
    /// <summary>The command README shows after the skeleton's; samples/acme-vision-gateway is its output.</summary>
    public static readonly string[] SampleArgs = ["generate", "DeploymentInfrastructure", "--domain", "acme.ai", "--dns-zone", "acme-ai", "--no-input"];

    [Fact]
    public void The_gateway_sample_is_the_skeleton_plus_deployment_infrastructure()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var result = scenario.MxIn(scenario.Project, SampleArgs);

        Assert.True(result.ExitCode == 0, result.All);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-gateway"), scenario.Project);
    }

    [Fact]
    public void Regenerating_changes_nothing_and_destroying_gives_back_the_skeletons_programs()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var skeleton = scenario.Tree(scenario.Project);
        Assert.Equal(0, scenario.MxIn(scenario.Project, SampleArgs).ExitCode);
        var before = scenario.Tree(scenario.Project);

        var again = scenario.MxIn(scenario.Project, SampleArgs);
        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("Nothing to change", again.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));

        var destroyed = scenario.MxIn(scenario.Project, "destroy", "DeploymentInfrastructure", "--no-input");
        Assert.True(destroyed.ExitCode == 0, destroyed.All);
        var after = scenario.Tree(scenario.Project);
        Assert.Equal(skeleton["infra/pulumi/cluster/Main.yaml"], after["infra/pulumi/cluster/Main.yaml"]);
        Assert.Equal(skeleton["infra/pulumi/platform/Main.yaml"], after["infra/pulumi/platform/Main.yaml"]);
        Assert.DoesNotContain(after.Keys, k => k.StartsWith("infra/k8s/gateway/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_answers_reach_the_zone_the_project_the_subdomain_and_the_members()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);

        var result = scenario.MxIn(scenario.Project, "generate", "DeploymentInfrastructure", "--domain", "acme.ai", "--dns-zone", "acme-ai",
            "--dns-project", "acme-dns", "--subdomain", "vision", "--iap-members", "group:ml@acme.ai,domain:acme.ai", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var tree = scenario.Tree(scenario.Project);
        var cluster = tree["infra/pulumi/cluster/Main.yaml"];
        Assert.Contains("name: '*.vision.acme.ai.'", cluster);
        Assert.Contains("project: acme-dns\n      managedZone: acme-ai", cluster);
        Assert.Contains("member: group:ml@acme.ai", cluster);
        Assert.Contains("member: domain:acme.ai", cluster);
        // The same members, and only they, may sign as the IAP caller account (mx token).
        Assert.Contains("gatewayCallerSigner-group-ml-acme-ai:", cluster);
        Assert.Contains("gatewayCallerSigner-domain-acme-ai:", cluster);
        Assert.DoesNotContain("gatewayCallerSigner-user-", cluster);
        Assert.DoesNotContain("member: user:ada@acme.ai\n    options:\n      dependsOn:\n        - ${gatewayIapApi}", cluster);
        Assert.Contains("hostname: \"*.vision.acme.ai\"", tree["infra/k8s/gateway/gateway.yaml"]);
    }

    [Theory]
    [InlineData("--domain", "acme", "is not a domain mx can use")]
    [InlineData("--domain", "Acme.AI", "is not a domain mx can use")]
    [InlineData("--domain", "acme_ai.com", "is not a domain mx can use")]
    [InlineData("--subdomain", "Vision", "is not a DNS-1123 label")]
    [InlineData("--subdomain", "vision.team", "is not a DNS-1123 label")]
    [InlineData("--subdomain", "-vision", "is not a DNS-1123 label")]
    [InlineData("--dns-zone", "acme.ai", "is not a Cloud DNS managed zone name")]
    [InlineData("--iap-members", "ada@acme.ai", "is not an IAM member IAP can grant access to")]
    [InlineData("--iap-members", "group:ml", "is not an IAM member IAP can grant access to")]
    [InlineData("--iap-members", "allUsers", "is not an IAM member IAP can grant access to")]
    [InlineData("--iap-members", "user:${mlflowDatabasePassword.result}@acme.ai", "is not an IAM member IAP can grant access to")]
    public void Bad_answers_exit_2_with_what_is_wrong_and_change_nothing(string option, string value, string message)
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);
        var args = new List<string> { "generate", "DeploymentInfrastructure", "--domain", "acme.ai", "--dns-zone", "acme-ai", "--no-input" };
        var at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value;
        else args.InsertRange(args.Count - 1, [option, value]);

        CliScenario.AssertBadInput(scenario.MxIn(scenario.Project, [.. args]), message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void A_project_without_engineers_must_name_who_may_enter()
    {
        using var scenario = new CliScenario();
        scenario.Mx("generate", "MLProjectSkeleton", "--name", "acme-vision", "--gcp-project", "acme-vision-prod", "--region", "europe-west4",
            "--gpu-type", "nvidia-l4", "--no-input");

        var result = scenario.MxIn(scenario.Project, "generate", "DeploymentInfrastructure", "--domain", "acme.ai", "--dns-zone", "acme-ai", "--no-input");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("iap-members", result.All);
        Assert.False(File.Exists(Path.Combine(scenario.Project, "infra", "k8s", "gateway", "gateway.yaml")));
    }
}
