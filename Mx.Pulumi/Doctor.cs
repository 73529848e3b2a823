using System.Text.Json;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary>Checks the tools mx drives, each with the command that reports its version.</summary>
public static class Doctor
{
    public static IReadOnlyList<ToolCheck> Check() => Check(ToolRunner.Default);

    internal static IReadOnlyList<ToolCheck> Check(ToolRunner runner)
    {
        var gcloud = Version(runner, Tool.Gcloud, GcloudArguments.Version(), true, output => Json(output, "Google Cloud SDK"));
        return
        [
            Version(runner, Tool.Pulumi, PulumiArguments.Version(), true, output => output.Trim()),
            gcloud,
            GcloudLogin(runner, gcloud.Ok),
            Version(runner, Tool.GkeAuthPlugin, ["--version"], true, FirstLine),
            Version(runner, Tool.Kubectl, KubectlArguments.ClientVersion(), false, output => Json(output, "clientVersion", "gitVersion")),
            Version(runner, Tool.Docker, ["--version"], false, FirstLine),
            Version(runner, Tool.Python, ["--version"], false, FirstLine),
        ];
    }

    private static ToolCheck Version(ToolRunner runner, Tool tool, IReadOnlyList<string> arguments, bool neededByUp, Func<string, string?> version)
    {
        if (runner.Find(tool) is null) return new ToolCheck(tool.Command, false, null, neededByUp, tool.Install);
        var result = runner.Run(new ToolInvocation(tool, arguments, $"asking {tool.Command} for its version") { Environment = GcloudArguments.Environment });
        if (!result.Succeeded)
            return new ToolCheck(tool.Command, false, null, neededByUp,
                $"'{tool.Command} {string.Join(' ', arguments)}' fails ({FirstLine(result.StandardError + result.StandardOutput)}); reinstall it. {tool.Install}");
        string? text;
        try
        {
            text = version(result.StandardOutput);
        }
        catch (JsonException)
        {
            text = null;
        }
        return new ToolCheck(tool.Command, true, string.IsNullOrWhiteSpace(text) ? "installed" : text, neededByUp, null);
    }

    private static ToolCheck GcloudLogin(ToolRunner runner, bool gcloudWorks)
    {
        const string name = "gcloud login";
        const string fix = "Run 'gcloud auth login' and 'gcloud auth application-default login' (pulumi uses the second).";
        if (!gcloudWorks) return new ToolCheck(name, false, null, true, "Install gcloud first (above), then: " + fix);
        var result = runner.Run(new ToolInvocation(Tool.Gcloud, GcloudArguments.AuthList(), "listing gcloud's accounts") { Environment = GcloudArguments.Environment });
        string? account = null;
        if (result.Succeeded)
        {
            try
            {
                using var document = JsonDocument.Parse(result.StandardOutput);
                account = document.RootElement.ValueKind == JsonValueKind.Array
                    ? document.RootElement.EnumerateArray()
                        .Where(a => a.TryGetProperty("status", out var s) && s.GetString() == "ACTIVE")
                        .Select(a => a.TryGetProperty("account", out var n) ? n.GetString() : null)
                        .FirstOrDefault(a => a is not null)
                    : null;
            }
            catch (JsonException)
            {
                account = null;
            }
        }
        return account is null ? new ToolCheck(name, false, null, true, fix) : new ToolCheck(name, true, account, true, null);
    }

    private static string? Json(string output, params string[] path)
    {
        using var document = JsonDocument.Parse(output);
        var element = document.RootElement;
        foreach (var name in path)
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
}
