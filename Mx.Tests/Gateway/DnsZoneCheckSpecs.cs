using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Gateway;
using Mx.Tests.Training;

namespace Mx.Tests.Gateway;

/// <summary>mx up refuses a DNS zone that does not exist or does not serve the domain, as gcloud describes it.</summary>
public class DnsZoneCheckSpecs
{
    private static (RunWorld World, InfraProject Project) Project(params string[] generateArgs)
    {
        var world = new RunWorld(withDocker: false, fakes: "fake_gateway_tool.py");
        var generated = world.Mx(generateArgs.Length > 0 ? generateArgs : GatewayCliSpecs.SampleArgs);
        Assert.True(generated.ExitCode == 0, generated.All);
        return (world, InfraProject.Load(world.Project, null, null));
    }

    [Theory]
    [InlineData("acme.ai.")]
    [InlineData("ai.")]
    public void A_zone_that_serves_the_domain_or_a_parent_of_it_passes(string dnsName)
    {
        var (world, project) = Project();
        using var _ = world;
        world.Extra["MX_FAKE_ZONES"] = $$"""{"acme-vision-prod/acme-ai": "{{dnsName}}"}""";

        DnsZoneCheck.Require(project, world.InProcessRunner());

        Assert.Equal(["dns", "managed-zones", "describe", "acme-ai", "--project", "acme-vision-prod", "--format", "json"], world.Calls().Single().Argv);
    }

    [Fact]
    public void A_zone_of_another_domain_is_refused_with_what_it_serves()
    {
        var (world, project) = Project();
        using var _ = world;
        world.Extra["MX_FAKE_ZONES"] = """{"acme-vision-prod/acme-ai": "acme.io."}""";

        var error = Assert.Throws<MxException>(() => DnsZoneCheck.Require(project, world.InProcessRunner()));

        Assert.Contains("serves acme.io, which does not cover the domain acme.ai", error.Message);
        Assert.Equal(ExitCode.BadInput, error.ExitCode);
    }

    [Fact]
    public void A_zone_missing_from_the_dns_project_is_refused_naming_the_project()
    {
        var (world, project) = Project("generate", "DeploymentInfrastructure", "--domain", "acme.ai", "--dns-zone", "acme-ai", "--dns-project", "acme-dns", "--no-input");
        using var _ = world;
        world.Extra["MX_FAKE_ZONES"] = """{"acme-vision-prod/acme-ai": "acme.ai."}""";

        var error = Assert.Throws<MxException>(() => DnsZoneCheck.Require(project, world.InProcessRunner()));

        Assert.Contains("There is no Cloud DNS managed zone 'acme-ai' in project acme-dns", error.Message);
    }
}
