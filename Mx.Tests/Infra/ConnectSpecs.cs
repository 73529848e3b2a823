using Mx.Pulumi;
using Mx.Tests.Cli;

namespace Mx.Tests.Infra;

public class ConnectSpecs
{
    [Fact]
    public void Connect_fetches_credentials_through_the_dns_endpoint_and_names_the_context_after_project_and_stack()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("connect");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("context mx-acme-vision-dev", result.Output);
        var gcloud = Assert.Single(infra.Calls("gcloud"));
        Assert.Equal(GcloudArguments.GetCredentials("acme-vision", "europe-west4-a", "acme-vision-prod"), gcloud.Argv);
        Assert.Contains(infra.Calls("kubectl"), c => c.Argv.SequenceEqual(KubectlArguments.RenameContext("gke_acme-vision-prod_europe-west4-a_acme-vision", "mx-acme-vision-dev")));
    }

    [Fact]
    public void Connecting_again_replaces_the_earlier_context()
    {
        using var infra = new FakeInfra("fresh");
        Assert.Equal(0, infra.Mx("connect").ExitCode);
        var result = infra.Mx("connect", "--json");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("\"context\": \"mx-acme-vision-dev\"", result.Output);
        Assert.Contains(infra.Calls("kubectl"), c => c.Argv.SequenceEqual(KubectlArguments.DeleteContext("mx-acme-vision-dev")));
    }

    [Fact]
    public void Without_gke_gcloud_auth_plugin_connect_exits_2_with_the_install_command()
    {
        using var infra = new FakeInfra("fresh", tools: ["pulumi", "gcloud", "kubectl"]);
        var result = infra.Mx("connect");

        CliScenario.AssertBadInput(result, "gke-gcloud-auth-plugin is not installed", "gcloud components install gke-gcloud-auth-plugin");
        Assert.Empty(infra.Calls("gcloud"));
    }
}
