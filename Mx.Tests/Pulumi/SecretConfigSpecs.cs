using Mx.Pulumi;
using Mx.Pulumi.Internal;
using Mx.Tests.Infra;

namespace Mx.Tests.Pulumi;

public class SecretConfigSpecs
{
    [Fact]
    public void A_secret_reaches_pulumi_on_standard_input_and_never_in_its_arguments()
    {
        using var infra = new FakeInfra("fresh");
        var environment = infra.Environment;
        var runner = new ToolRunner(name => environment.GetValueOrDefault(name) ?? (name == "PATH" ? infra.Bin : null));
        var project = InfraProject.Load(infra.Project, "dev", infra.LocalBackend);
        var workflow = new InfraWorkflow(project, _ => { }, runner);

        // The tool inherits this process's environment, where the fake finds its log; the values are restored after.
        var inherited = new[] { "MX_FAKE_LOG", "MX_FAKE_STATE", "PULUMI_CONFIG_PASSPHRASE" }.ToDictionary(k => k, System.Environment.GetEnvironmentVariable);
        try
        {
            foreach (var key in inherited.Keys) System.Environment.SetEnvironmentVariable(key, environment[key]);
            workflow.SetSecretConfig(project.Program(StackProgram.Platform), "acme-vision-platform:apiToken", "s3cr3t-t0ken");
        }
        finally
        {
            foreach (var (key, value) in inherited) System.Environment.SetEnvironmentVariable(key, value);
        }

        var call = Assert.Single(infra.Calls("pulumi"));
        Assert.Equal(PulumiArguments.SetSecretConfig("dev", "acme-vision-platform:apiToken"), call.Argv);
        Assert.DoesNotContain(call.Argv, a => a.Contains("s3cr3t"));
        Assert.Equal("s3cr3t-t0ken", call.Stdin);
    }
}
