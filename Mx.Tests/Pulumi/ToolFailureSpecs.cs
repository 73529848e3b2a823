using Mx.Generators;
using Mx.Pulumi;
using Mx.Pulumi.Internal;

namespace Mx.Tests.Pulumi;

public class ToolFailureSpecs
{
    private static ToolInvocation PulumiUp => new(Tool.Pulumi, PulumiArguments.Up("dev", refresh: false), "running pulumi up on the cluster stack 'dev'")
    {
        WorkingDirectory = "/p/infra/pulumi/cluster",
        Environment = PulumiEnvironment.For("gs://b"),
    };

    [Fact]
    public void A_missing_tool_is_bad_input_with_its_install_step()
    {
        var error = ToolFailures.Missing(Tool.Pulumi);
        Assert.Equal(ExitCode.BadInput, error.ExitCode);
        Assert.Contains("curl -fsSL https://get.pulumi.com | sh", error.Message);
    }

    [Fact]
    public void A_failure_shows_what_mx_was_doing_the_tool_s_message_and_what_to_try()
    {
        var error = ToolFailures.Failed(PulumiUp, new ToolResult(255, "", "error: getting stack: bucket does not exist\n"));
        Assert.Equal(ExitCode.Failed, error.ExitCode);
        Assert.Equal("Running pulumi up on the cluster stack 'dev' failed. pulumi said:\n  error: getting stack: bucket does not exist\n" +
                     "Fix the cause above and run the command again; it is safe to repeat.", error.Message);
    }

    [Fact]
    public void A_stale_lock_is_recognised_and_explained_with_the_exact_cancel_command()
    {
        var error = ToolFailures.Failed(PulumiUp, new ToolResult(255, "",
            "error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
            "  gs://b/.pulumi/locks/organization/acme-cluster/dev/x.json: created by ada@laptop (pid 1) at 2026-01-01T00:00:00Z"));
        Assert.Equal(ExitCode.Failed, error.ExitCode);
        Assert.Contains("cd /p/infra/pulumi/cluster && PULUMI_BACKEND_URL=gs://b pulumi cancel --stack dev --yes", error.Message);
        Assert.Contains("created by ada@laptop", error.Message);
    }

    [Fact]
    public void An_interrupted_run_maps_to_exit_130()
    {
        var error = ToolFailures.Failed(PulumiUp, new ToolResult(-1, "", "", Interrupted: true));
        Assert.Equal(ExitCode.Interrupted, error.ExitCode);
    }

    [Fact]
    public void Tools_are_found_only_as_executables_on_path()
    {
        using var dir = new Support.TempDirectory();
        var tool = dir.Combine("pulumi");
        File.WriteAllText(tool, "#!/bin/sh\n");
        Assert.Null(ToolRunner.Find("pulumi", dir.Path));
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Assert.Equal(tool, ToolRunner.Find("pulumi", "/nonexistent" + Path.PathSeparator + dir.Path));
        Assert.Null(ToolRunner.Find("pulumi", null));
    }
}
