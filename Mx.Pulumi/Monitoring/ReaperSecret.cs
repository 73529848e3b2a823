using System.Text.Json.Nodes;
using Mx.Generators.BuiltIn.Reaper;

namespace Mx.Pulumi.Monitoring;

/// <summary>The Secret the idle reaper's CronJob reads its Slack webhook from (key <c>url</c>, optional to it).</summary>
internal static class ReaperSecret
{
    public const string Generator = IdleReaper.GeneratorName;
    public const string Name = IdleReaper.SlackSecret;
    public const string Namespace = IdleReaper.HomeNamespace;

    public static string Manifest(string projectName, string url) => new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = Name,
            ["namespace"] = Namespace,
            ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = projectName, ["app.kubernetes.io/managed-by"] = "mx" },
        },
        ["type"] = "Opaque",
        ["stringData"] = new JsonObject { ["url"] = url },
    }.ToJsonString();
}
