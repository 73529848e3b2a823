using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Tests.Support;

namespace Mx.Tests.Reaper;

/// <summary>
/// Three simulated days of the reaper sample's idle reaper against fake Kubernetes, Prometheus, MLflow and Slack
/// servers (Fakes/reaper_world.py), with the environment its CronJob manifest gives it.
/// </summary>
public static class ReaperWorld
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Fakes", "reaper_world.py");

    /// <param name="slackSecret">Whether the cluster has the Secret with the Slack webhook ('mx secret set slack-webhook').</param>
    public static JsonNode Run(Action<Dictionary<string, string>>? adjust = null, bool dryRunFlag = false, bool slackSecret = true)
    {
        using var dir = new TempDirectory();
        var sample = Path.Combine(Repository.Samples, "acme-vision-reaper");
        // A copy, so that no interpreter writes caches into the sample.
        DotnetCli.CopySources(Path.Combine(sample, "infra", "k8s", "idle-reaper"), dir.Combine("project", "infra", "k8s", "idle-reaper"));
        var environment = CronJobEnvironment(File.ReadAllText(Path.Combine(sample, "infra", "k8s", "idle-reaper", "cronjob.yaml")));
        adjust?.Invoke(environment);
        File.WriteAllText(dir.Combine("env.json"), JsonSerializer.Serialize(environment));

        var result = TorchPython.Run(dir.Path, new Dictionary<string, string?> { ["PYTHONDONTWRITEBYTECODE"] = "1" },
            [Script, dir.Combine("project"), dir.Combine("env.json"), .. dryRunFlag ? new[] { "--dry-run" } : [], .. slackSecret ? [] : new[] { "--no-slack-secret" }]);

        Assert.True(result.ExitCode == 0, result.All);
        return JsonNode.Parse(result.Output)!;
    }

    /// <summary>The literal variables of the CronJob's container (secrets are the fakes' to give).</summary>
    public static Dictionary<string, string> CronJobEnvironment(string manifest) =>
        KubernetesYaml.Deserialize<V1CronJob>(manifest, strict: true).Spec.JobTemplate.Spec.Template.Spec.Containers[0].Env
            .Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value);
}
