using System.Text.Json;
using Mx.Pulumi.Internal;

namespace Mx.Pulumi;

/// <summary>Checks the tools mx drives, each with the command that reports its version.</summary>
public static class Doctor
{
    public static IReadOnlyList<ToolCheck> Check(Action<DoctorProgress>? progress = null) => Check(ToolRunner.Default, progress);

    /// <param name="progress">
    /// Called on the calling thread each time a check finishes, with what is still running: the checks run in
    /// parallel (each tool takes a second or two to start, gcloud the longest), so only the slowest is waited for.
    /// </param>
    internal static IReadOnlyList<ToolCheck> Check(ToolRunner runner, Action<DoctorProgress>? progress = null)
    {
        (string Name, Func<ToolCheck> Run)[] checks =
        [
            (Tool.Pulumi.Command, () => Version(runner, Tool.Pulumi, PulumiArguments.Version(), true, output => output.Trim())),
            (Tool.Gcloud.Command, () => Version(runner, Tool.Gcloud, GcloudArguments.Version(), true, output => Json(output, "Google Cloud SDK"))),
            // Needs only the gcloud executable, not its version, so it runs beside that check rather than after it.
            ("gcloud login", () => GcloudLogin(runner, runner.Find(Tool.Gcloud) is not null)),
            (Tool.GkeAuthPlugin.Command, () => Version(runner, Tool.GkeAuthPlugin, ["--version"], true, FirstLine)),
            (Tool.Kubectl.Command, () => Version(runner, Tool.Kubectl, KubectlArguments.ClientVersion(), false, output => Json(output, "clientVersion", "gitVersion"))),
            (Tool.Docker.Command, () => Docker(runner)),
            (Tool.Python.Command, () => Version(runner, Tool.Python, ["--version"], false, FirstLine)),
        ];
        var tasks = new Task<ToolCheck>[checks.Length];
        for (var i = 0; i < checks.Length; i++) tasks[i] = Task.Factory.StartNew(checks[i].Run, TaskCreationOptions.LongRunning);
        var pending = new List<Task<ToolCheck>>(tasks);
        while (pending.Count > 0)
        {
            pending.RemoveAt(Task.WaitAny([.. pending]));
            var running = new List<string>(pending.Count);
            for (var i = 0; i < tasks.Length; i++)
                if (pending.Contains(tasks[i])) running.Add(checks[i].Name);
            progress?.Invoke(new DoctorProgress(tasks.Length - pending.Count, tasks.Length, running));
        }
        var results = new ToolCheck[tasks.Length];
        for (var i = 0; i < tasks.Length; i++) results[i] = tasks[i].Result;
        return results;
    }

    // 'docker --version' answers without the daemon, but building an image needs it: 'docker info' asks the daemon.
    private static ToolCheck Docker(ToolRunner runner)
    {
        var client = Version(runner, Tool.Docker, ["--version"], false, FirstLine);
        if (!client.Ok) return client;
        var daemon = runner.Run(new ToolInvocation(Tool.Docker, ["info", "--format", "{{.ServerVersion}}"], "asking the Docker daemon for its version"));
        if (daemon.Succeeded && daemon.StandardOutput.Trim() is { Length: > 0 } server)
            return client with { Version = $"{client.Version}; daemon {server}" };
        return client with
        {
            Ok = false,
            Fix = $"The Docker daemon does not answer ('docker info': {FirstLine(daemon.StandardError + daemon.StandardOutput)}). " +
                  "Start it ('sudo systemctl start docker'), or let your user reach it ('sudo usermod -aG docker $USER', then log in again). " +
                  "Without it, mx run builds images with Cloud Build.",
        };
    }

    private static ToolCheck Version(ToolRunner runner, Tool tool, IReadOnlyList<string> arguments, bool neededByUp, Func<string, string?> version)
    {
        if (runner.Find(tool) is null) return new ToolCheck(tool.Command, false, null, neededByUp, tool.Install);
        var result = runner.Run(new ToolInvocation(tool, arguments, $"asking {tool.Command} for its version"));
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
        var result = runner.Run(new ToolInvocation(Tool.Gcloud, GcloudArguments.AuthList(), "listing gcloud's accounts"));
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
