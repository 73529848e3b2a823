using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Mx.Generators;
using Mx.Tests.Cli;
using Mx.Tests.Training;

namespace Mx.Tests.Gateway;

/// <summary>
/// mx token through the CLI, against a fake gcloud that checks the claims as IAM's signJwt does
/// (Fakes/fake_gateway_tool.py): the token IAP accepts for an app is signed as the project's caller account, with the
/// app's URL as its audience.
/// </summary>
public class TokenCommandSpecs
{
    private static (RunWorld World, string Temp) World()
    {
        var world = OpenCommandSpecs.World();
        // The claims and the signed token pass through a temporary directory, which must not outlive the command.
        var temp = Path.Combine(world.Bin, "..", "tmp");
        Directory.CreateDirectory(temp);
        world.Extra["TMPDIR"] = temp;
        return (world, temp);
    }

    private static JsonObject Part(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='))))!.AsObject();
    }

    [Fact]
    public void The_token_is_a_jwt_of_the_caller_account_for_the_apps_url_and_only_it_is_printed()
    {
        var (world, temp) = World();
        using var _ = world;
        var project = StateFile.Load(world.Project)!.Answers.GetString("gcp_project");
        var caller = $"acme-vision-caller@{project}.iam.gserviceaccount.com";
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var result = world.Mx("token", "docs");

        Assert.True(result.ExitCode == 0, result.All);
        var token = result.Output.Trim();
        Assert.DoesNotContain('\n', token);
        var claims = Part(token, 1);
        Assert.Equal(caller, claims["iss"]!.GetValue<string>());
        Assert.Equal(caller, claims["sub"]!.GetValue<string>());
        Assert.Equal("https://docs.acme-vision.acme.ai/*", claims["aud"]!.GetValue<string>());
        var issued = claims["iat"]!.GetValue<long>();
        Assert.InRange(issued, before - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - issued);
        var sign = world.Calls().Single(c => c.Tool == "gcloud").Argv;
        Assert.Equal(["iam", "service-accounts", "sign-jwt"], sign[..3]);
        Assert.Equal(["--iam-account", caller, "--quiet"], sign[5..]);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public void A_member_gcloud_may_not_sign_for_exits_1_with_gclouds_error_what_grants_it_and_no_token()
    {
        var (world, temp) = World();
        using var _ = world;
        world.Extra["MX_FAKE_SIGN_DENIED"] = "1";

        var result = world.Mx("token", "docs");

        Assert.True(result.ExitCode == 1, result.All);
        Assert.Contains("PERMISSION_DENIED: Permission 'iam.serviceAccounts.signJwt' denied", result.All);
        Assert.Contains("roles/iam.serviceAccountTokenCreator", result.All);
        Assert.Contains("'mx up'", result.All);
        Assert.DoesNotContain("eyJ", result.All);
        Assert.DoesNotContain("   at ", result.All);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public void The_docs_way_without_mx_signs_the_same_claims_with_gcloud_for_the_apps_url()
    {
        var (world, temp) = World();
        using var _ = world;
        var token = Part(world.Mx("token", "docs").Output.Trim(), 1);
        var page = File.ReadAllText(Path.Combine(world.Project, "docs", "apps.md"));
        var script = Regex.Matches(page, "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).Single(b => b.Contains("sign-jwt"));
        world.InstallFake("curl");

        var run = Process.Start(new ProcessStartInfo("/bin/bash", ["-euo", "pipefail", "-c", script])
        {
            WorkingDirectory = temp, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment = { ["PATH"] = $"{world.Bin}:/usr/bin:/bin", ["MX_FAKE_LOG"] = world.LogPath },
        })!;
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();

        Assert.True(run.ExitCode == 0, error);
        var curl = world.Calls().Single(c => c.Tool == "curl").Argv;
        Assert.Equal("https://serve.acme-vision.acme.ai/v2/models/MODEL", curl[^1]);
        var claims = Part(curl[1]["Authorization: Bearer ".Length..], 1);
        Assert.Equal(token["iss"]!.GetValue<string>(), claims["iss"]!.GetValue<string>());
        Assert.Equal(token["sub"]!.GetValue<string>(), claims["sub"]!.GetValue<string>());
        Assert.Equal("https://serve.acme-vision.acme.ai/*", claims["aud"]!.GetValue<string>());
        Assert.Equal(3600, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
        // The script leaves neither the claims nor the token behind.
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [Fact]
    public void An_unknown_app_exits_2_before_anything_is_signed()
    {
        var (world, _) = World();
        using var __ = world;

        CliScenario.AssertBadInput(world.Mx("token", "demo"), "There is no app 'demo'", "apps: docs");
        Assert.DoesNotContain(world.Calls(), c => c.Tool == "gcloud");
    }
}
