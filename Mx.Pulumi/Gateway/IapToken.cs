using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Generators.BuiltIn.Gateway;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi.Gateway;

/// <summary>
/// A token Identity-Aware Proxy accepts for one app behind the Gateway: a JWT whose issuer and subject are the project's
/// IAP caller account (DeploymentInfrastructure) and whose audience is the app's URL, signed by IAM's signJwt with the
/// engineer's own gcloud credentials, so no key exists anywhere.
/// </summary>
public static class IapToken
{
    /// <summary>How long a token is good for: the hour Google's IAP samples sign for (signJwt itself allows up to 12).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The audience of a token for <paramref name="app"/>: its URL and every path under it, as IAP matches it.</summary>
    public static string Audience(FrontDoorApp app) => app.Url + "/*";

    /// <summary>Signs a token for app <paramref name="appName"/>, valid from <paramref name="now"/> for <see cref="Lifetime"/>.</summary>
    public static string Sign(string workingDirectory, string appName, DateTimeOffset now) => Sign(workingDirectory, appName, now, ToolRunner.Default);

    internal static string Sign(string workingDirectory, string appName, DateTimeOffset now, ToolRunner runner)
    {
        var project = InfraProject.Load(workingDirectory, null, null);
        var app = FrontDoorApps.Find(project, appName, runner);
        var caller = IapCaller.Email(project.State.Answers);
        // The token is a credential for an hour: it passes through a directory only the user may read (mode 700 on
        // Unix), removed whatever happens.
        var directory = Directory.CreateTempSubdirectory("mx-token-");
        try
        {
            var claims = Path.Combine(directory.FullName, "claims.json");
            var token = Path.Combine(directory.FullName, "token.jwt");
            File.WriteAllText(claims, Claims(caller, Audience(app), now).ToJsonString());
            runner.RunChecked(new ToolInvocation(Tool.Gcloud, GcloudArguments.SignJwt(claims, token, caller), $"signing a token for {app.Url} as {caller}")
            {
                Remedy = $"The account exists once 'mx up' has deployed DeploymentInfrastructure's cluster program, and the members of " +
                         $"iap_members may sign as it ({IapCaller.SignerRole}); a member added since the last 'mx up' needs 'mx up' first, and " +
                         "a new grant can take a few minutes to take effect. Check who gcloud signs in as with 'gcloud auth list'.",
            });
            var signed = File.Exists(token) ? File.ReadAllText(token).Trim() : "";
            if (signed.Split('.').Length != 3)
                throw new MxException($"gcloud signed no token for {app.Url}: {token} does not hold a JWT. Run 'gcloud iam service-accounts sign-jwt --help' " +
                                      "to check that this gcloud can sign JWTs, update the Google Cloud CLI if not, and run the command again.", ExitCode.Failed);
            return signed;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The claims IAP checks in a service account's JWT: issuer and subject the account, audience the app's URL.</summary>
    internal static JsonObject Claims(string account, string audience, DateTimeOffset now)
    {
        var issued = now.ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = account,
            ["sub"] = account,
            ["aud"] = audience,
            ["iat"] = issued,
            ["exp"] = issued + (long)Lifetime.TotalSeconds,
        };
    }
}
