using Mx.Lint.Internal;

namespace Mx.Lint.Rules.Pulumi;

internal sealed class PrivateDatabaseRule() : PulumiRule(
    "MX3109", Severity.Error,
    "Cloud SQL instances have no public IP and refuse unencrypted connections",
    "A Cloud SQL instance gets a public IP unless ipConfiguration.ipv4Enabled is false, and accepts unencrypted " +
    "connections unless sslMode says otherwise: MLflow's runs or a project's data would then be one leaked " +
    "password away from the internet. A private IP in the project's VPC, reached through the Cloud SQL Auth Proxy, " +
    "needs neither.",
    "Set settings.ipConfiguration.ipv4Enabled: false with privateNetwork (private services access), and sslMode: " +
    "TRUSTED_CLIENT_CERTIFICATE_REQUIRED (the Auth Proxy and connectors present one) or ENCRYPTED_ONLY.",
    """
    database:
      type: gcp:sql:DatabaseInstance
      properties:
        databaseVersion: POSTGRES_16
        settings:
          tier: db-custom-1-3840
    """,
    """
    database:
      type: gcp:sql:DatabaseInstance
      properties:
        databaseVersion: POSTGRES_16
        settings:
          tier: db-custom-1-3840
          ipConfiguration:
            ipv4Enabled: false
            privateNetwork: ${network.id}
            sslMode: TRUSTED_CLIENT_CERTIFICATE_REQUIRED
    """)
{
    protected override IEnumerable<Violation> CheckResource(PulumiResource resource, LintContext context)
    {
        if (!resource.Is("gcp:sql:DatabaseInstance")) yield break;
        var ip = resource.Properties.At("settings", "ipConfiguration");
        if (ip.Get("ipv4Enabled").Text() is not ("false" or "False" or "FALSE"))
            yield return At(resource, $"Cloud SQL instance '{resource.Name}' has a public IP (ipv4Enabled is not false)");
        if (ip.Get("sslMode").Text() is not ("ENCRYPTED_ONLY" or "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"))
            yield return At(resource, $"Cloud SQL instance '{resource.Name}' accepts unencrypted connections (sslMode is not ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED)");
    }
}
