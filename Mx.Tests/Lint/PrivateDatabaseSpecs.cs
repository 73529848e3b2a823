using Mx.Tests.Support;

namespace Mx.Tests.Lint;

/// <summary>MX3109: a Cloud SQL instance is private and encrypted, as the skeleton's cloud-sql answer makes it.</summary>
public class PrivateDatabaseSpecs
{
    private static IReadOnlyList<string> Mx3109(string program)
    {
        using var project = LintProject.With(("infra/pulumi/db/Main.yaml", program));
        return project.Lint(new RecordedTools("", "")).Findings.Where(f => f.RuleId == "MX3109").Select(f => f.Message).ToList();
    }

    [Fact]
    public void The_cloud_sql_samples_instance_passes()
    {
        var program = File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision-cloudsql", "infra", "pulumi", "cluster", "Main.yaml"));
        Assert.Contains("gcp:sql:DatabaseInstance", program);
        Assert.Empty(Mx3109(program));
    }

    [Fact]
    public void An_instance_without_settings_is_public_and_unencrypted()
    {
        var messages = Mx3109("resources:\n  db:\n    type: gcp:sql:DatabaseInstance\n    properties:\n      databaseVersion: POSTGRES_16\n");
        Assert.Equal(
        [
            "Cloud SQL instance 'db' accepts unencrypted connections (sslMode is not ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED)",
            "Cloud SQL instance 'db' has a public IP (ipv4Enabled is not false)",
        ], messages);
    }

    [Theory]
    [InlineData("ENCRYPTED_ONLY", 0)]
    [InlineData("TRUSTED_CLIENT_CERTIFICATE_REQUIRED", 0)]
    [InlineData("ALLOW_UNENCRYPTED_AND_ENCRYPTED", 1)]
    public void Only_modes_that_refuse_plain_connections_pass(string sslMode, int findings) =>
        Assert.Equal(findings, Mx3109(RuleCases.Database.Replace("TRUSTED_CLIENT_CERTIFICATE_REQUIRED", sslMode)).Count);
}
