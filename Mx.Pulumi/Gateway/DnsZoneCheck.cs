using System.Text.Json;
using Mx.Generators;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Gateway;

/// <summary>
/// Before <c>mx up</c> creates DNS records and a certificate, the managed zone the dns_zone answer names must exist
/// in dns_project and serve the domain: only gcloud knows the zone's DNS name, so generation checks the syntax and
/// this checks the zone.
/// </summary>
internal static class DnsZoneCheck
{
    public static void Require(InfraProject project, ToolRunner runner)
    {
        var answers = project.State.Answers;
        if (!project.State.HasApplied(DeploymentInfrastructure.GeneratorName) || !FrontDoor.IsConfigured(answers)) return;
        var zone = answers.GetString("dns_zone");
        var dnsProject = answers.GetString("dns_project");
        var domain = answers.GetString("domain").TrimEnd('.');
        var describe = new ToolInvocation(Tool.Gcloud, GcloudArguments.DescribeManagedZone(zone, dnsProject), $"looking up the DNS zone {zone} in project {dnsProject}")
        {
            Remedy = $"Check that you may read Cloud DNS in project {dnsProject} (roles/dns.reader) and that the zone exists: gcloud dns managed-zones list --project {dnsProject}.",
        };
        var result = runner.Run(describe);
        if (!result.Succeeded)
        {
            // gcloud: "HTTPError 404: The 'parameters.managedZone' resource named 'ZONE' does not exist."
            if (result.StandardError.Contains("HTTPError 404", StringComparison.Ordinal) || result.StandardError.Contains("does not exist", StringComparison.Ordinal))
                throw new MxException($"There is no Cloud DNS managed zone '{zone}' in project {dnsProject}, so mx cannot put the records of {FrontDoor.Host(answers)} in it. " +
                                      $"Name an existing zone with 'mx generate DeploymentInfrastructure --dns-zone ZONE --dns-project PROJECT' (see 'gcloud dns managed-zones list --project {dnsProject}'), then run mx up again.");
            throw ToolFailures.Failed(describe, result);
        }
        string? dnsName;
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            dnsName = json.RootElement.TryGetProperty("dnsName", out var name) ? name.GetString() : null;
        }
        catch (JsonException)
        {
            dnsName = null;
        }
        if (dnsName is null)
            throw new MxException($"gcloud described the DNS zone {zone} of project {dnsProject} without a dnsName, so mx cannot tell whether it serves {domain}. " +
                                  $"Check it with 'gcloud dns managed-zones describe {zone} --project {dnsProject}'.", ExitCode.Failed);
        var served = dnsName.TrimEnd('.');
        if (!string.Equals(domain, served, StringComparison.OrdinalIgnoreCase) && !domain.EndsWith("." + served, StringComparison.OrdinalIgnoreCase))
            throw new MxException($"The DNS zone {zone} of project {dnsProject} serves {served}, which does not cover the domain {domain}: its records would never be " +
                                  $"found. Name the zone of {domain} with 'mx generate DeploymentInfrastructure --dns-zone ZONE' (or the right --domain), then run mx up again.");
    }
}
