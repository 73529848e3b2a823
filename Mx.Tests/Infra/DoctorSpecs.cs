using System.Text.Json;
using Mx.Tests.Cli;

namespace Mx.Tests.Infra;

public class DoctorSpecs
{
    [Fact]
    public void Doctor_lists_every_tool_with_its_version_and_passes_when_up_has_what_it_needs()
    {
        using var infra = new FakeInfra("fresh", withPython: true);
        var environment = infra.Environment;
        environment["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";
        var result = infra.Mx(environment, "doctor");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("v3.259.0", result.Output);
        Assert.Contains("528.0.0", result.Output);
        Assert.Contains("ada@acme.ai", result.Output);
        Assert.Contains("v1.32.4", result.Output);
        // docker is not on this PATH; mx up does not need it, so it is reported with its fix but does not fail.
        Assert.Contains("https://docs.docker.com/engine/install/", result.Output);
    }

    [Fact]
    public void Doctor_exits_2_when_gcloud_has_no_login_and_says_how_to_log_in()
    {
        using var infra = new FakeInfra("fresh");
        var result = infra.Mx("doctor");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gcloud auth login", result.Output);
        Assert.Contains("error: mx up cannot run without gcloud login", result.Output);
    }

    [Fact]
    public void Doctor_json_reports_a_missing_pulumi_with_its_install_step()
    {
        using var infra = new FakeInfra("fresh", tools: ["gcloud", "kubectl", "gke-gcloud-auth-plugin"]);
        var environment = infra.Environment;
        environment["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";
        var result = infra.Mx(environment, "doctor", "--json");

        Assert.Equal(2, result.ExitCode);
        var json = result.Output[..(result.Output.LastIndexOf(']') + 1)];
        using var document = JsonDocument.Parse(json);
        var pulumi = document.RootElement.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "pulumi");
        Assert.False(pulumi.GetProperty("ok").GetBoolean());
        Assert.True(pulumi.GetProperty("needed_by_up").GetBoolean());
        Assert.Contains("curl -fsSL https://get.pulumi.com | sh", pulumi.GetProperty("fix").GetString());
    }
}
