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

    [Fact]
    public void Doctor_checks_the_tools_in_parallel()
    {
        using var infra = new FakeInfra("fresh", tools: [.. FakeInfra.AllTools, "docker"], withPython: true);
        var environment = infra.Environment;
        environment["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";
        environment["MX_FAKE_VERSION_DELAY"] = "2";
        File.Delete(infra.LogPath);
        var result = infra.Mx(environment, "doctor");

        Assert.True(result.ExitCode == 0, result.All);
        // Each version query takes 2 s; one after another, the last would answer at least 8 s after the first.
        var answered = File.ReadAllLines(infra.LogPath).Select(line => JsonDocument.Parse(line).RootElement)
            .Where(call => call.GetProperty("argv").EnumerateArray().Select(a => a.GetString()).ToArray() is ["version", ..] or ["--version"])
            .Select(call => call.GetProperty("t").GetDouble()).ToArray();
        Assert.Equal(5, answered.Length);
        Assert.True(answered.Max() - answered.Min() < 2, $"version queries answered over {answered.Max() - answered.Min():0.0} s");
    }

    [Fact]
    public void Doctor_reports_docker_missing_when_its_daemon_does_not_answer()
    {
        using var infra = new FakeInfra("fresh", tools: [.. FakeInfra.AllTools, "docker"], withPython: true);
        var environment = infra.Environment;
        environment["MX_FAKE_GCLOUD_ACCOUNT"] = "ada@acme.ai";
        var down = infra.Mx(environment, "doctor");

        Assert.True(down.ExitCode == 0, down.All);
        Assert.Matches(@"docker\s*│\s*missing", down.Output);
        Assert.Contains("  docker: The Docker daemon does not answer ('docker info': Cannot connect to the Docker daemon", down.Output);

        environment["MX_FAKE_DOCKER_DAEMON"] = "up";
        var up = infra.Mx(environment, "doctor");
        Assert.Matches(@"docker\s*│\s*ok\s*│\s*Docker version 27.3.1, build ce12230; daemon 27.3.1", up.Output);
        Assert.DoesNotContain("To fix:", up.Output);
    }

    [Fact]
    public void Doctor_prints_each_fix_whole_on_its_own_line_below_the_table_and_no_stack_trace_with_verbose()
    {
        using var infra = new FakeInfra("fresh", tools: ["gcloud", "kubectl", "gke-gcloud-auth-plugin"]);
        var result = infra.Mx("doctor", "--verbose");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("Fix", result.Output.Split("To fix:")[0]);
        var lines = result.Output.Split('\n');
        Assert.Contains(lines, line => line == "  pulumi: " + "Install it with 'curl -fsSL https://get.pulumi.com | sh' (or see https://www.pulumi.com/docs/iac/download-install/), then open a new shell.");
        Assert.Contains(lines, line => line.StartsWith("  gcloud login: Run 'gcloud auth login' and 'gcloud auth application-default login'", StringComparison.Ordinal));
        Assert.Contains("error: mx up cannot run without pulumi, gcloud login", result.Output);
        Assert.DoesNotContain("   at ", result.All);
        Assert.DoesNotContain("MxException", result.All);
    }
}
