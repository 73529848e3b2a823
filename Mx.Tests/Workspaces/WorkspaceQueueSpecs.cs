using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Workspaces;
using Mx.Lint;
using Mx.Pulumi;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Workspaces;
using Mx.Tests.Cli;
using Mx.Tests.Lint;
using Mx.Tests.Support;

namespace Mx.Tests.Workspaces;

/// <summary>
/// Workspaces in a project with GpuQueues and teams: through the shape's Kueue LocalQueue (Kueue v0.19.2 manages plain
/// Pods: "pod" is among the integrations of its config/components/manager/controller_manager_config.yaml), in the
/// caller's team namespace, on the shape's pool.
/// </summary>
public class WorkspaceQueueSpecs
{
    private const string Image = "europe-west4-docker.pkg.dev/acme-vision-prod/acme-vision-images/acme-vision-workspace:abc123";

    private static WorkspaceWorld World() => new(before: run =>
        run.GenerateQueues(null, ["team", "add", "vision", "--members", "ada@acme.ai"]));

    private static readonly Dictionary<string, Type> Kinds = new()
    {
        ["v1/Pod"] = typeof(V1Pod),
        ["v1/PersistentVolumeClaim"] = typeof(V1PersistentVolumeClaim),
        ["v1/Secret"] = typeof(V1Secret),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
    };

    [Fact]
    public void A_workspace_waits_in_its_shapes_queue_of_the_callers_team_namespace_and_reports_the_queued_phase()
    {
        using var world = World();
        world.Run.Extra["MX_FAKE_WS_STEPS"] = "gated,scaleup,pulling,ready";

        var result = world.Mx("workspace", "create", "--shape", "l4-2", "--image", Image, "--json");

        Assert.True(result.ExitCode == 0, result.All);
        var created = JsonNode.Parse(result.Output)!;
        Assert.Equal("team-vision", created["namespace"]!.GetValue<string>());
        Assert.Equal(["applied", "queued", "node-scaling-up", "pulling-image", "ready"], created["phases"]!.AsArray().Select(p => p!["phase"]!.GetValue<string>()));
        Assert.Contains("queued: held by kueue.x-k8s.io/admission until Kueue admits it", result.Error);
        var apply = world.Run.Calls().Single(c => c.Argv.Contains("apply"));
        Assert.Equal(["--context", "mx-acme-vision-dev", "--namespace", "team-vision", "apply", "--filename", "-"], apply.Argv);
        var pod = KubernetesYaml.LoadAllFromString(apply.Stdin!, Kinds, strict: true).OfType<V1Pod>().Single();
        Assert.Equal("l4-2", pod.Metadata.Labels["kueue.x-k8s.io/queue-name"]);
        Assert.Equal(new Dictionary<string, string> { ["mx.dev/shape"] = "l4-2", ["cloud.google.com/gke-accelerator"] = "nvidia-l4" }, pod.Spec.NodeSelector);
        Assert.Equal("1", pod.Spec.Containers[0].Resources.Limits["nvidia.com/gpu"].ToString());
        KueuePodWebhook(pod);
    }

    [Fact]
    public void Only_the_projects_queue_shapes_are_offered()
    {
        using var world = World();

        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--shape", "h100-8", "--image", Image), "--shape h100-8", "cpu, l4-1, l4-2");
        CliScenario.AssertBadInput(world.Mx("workspace", "create", "--shape", "l4-2", "--gpus", "3", "--image", Image), "--gpus 3", "1-2");
        Assert.DoesNotContain(world.Run.Calls(), c => c.Tool == "kubectl");
    }

    [Fact]
    public void Rendered_queued_workspaces_lint_clean_in_the_project_with_queues()
    {
        using var world = World();
        using var home = new TempDirectory();
        using var project = LintProject.CopyOf(world.Run.Project);
        var infra = InfraProject.Load(world.Run.Project, null, null);
        var workspaces = new DevWorkspaces(infra, ToolRunner.Default, TimeProvider.System, new SshConfigFile(home.Path));
        var template = File.ReadAllText(Path.Combine(world.Run.Project, DevWorkspace.ManifestTemplate));
        foreach (var (shape, cpuOnly) in new[] { ("l4-1", false), ("l4-2", false), ((string?)null, true) })
        {
            var rendered = workspaces.Render(template, "ada", "team-vision", "ada@acme.ai", WorkspaceShape.Resolve(infra.State, shape, null, cpuOnly), Image,
                "ssh-ed25519 AAAA ada@laptop\n", "token");
            KueuePodWebhook(KubernetesYaml.LoadAllFromString(rendered, Kinds, strict: true).OfType<V1Pod>().Single());
            File.WriteAllText(Path.Combine(project.Root, "infra/k8s/workspaces", $"rendered-{shape ?? "cpu"}.yaml"), rendered);
        }

        var report = new Linter().Run(new LintRequest(project.Root) { UseCache = false });

        Assert.True(report.Active.Count() == 0, string.Join("\n", report.Active));
    }

    /// <summary>
    /// What Kueue v0.19.2's pod webhook (pkg/controller/jobs/pod/pod_webhook.go, ValidateCreate and Default, with
    /// jobframework/validation.go ValidateQueueName) refuses or changes for a plain Pod: the queue label must name a
    /// LocalQueue as a DNS subdomain, the kueue.x-k8s.io/managed label may only be "true", a pod group needs its total
    /// count, and the pod is gated (kueue.x-k8s.io/admission) rather than scheduled, so mx must not set the gate itself.
    /// </summary>
    private static void KueuePodWebhook(V1Pod pod)
    {
        var labels = pod.Metadata.Labels;
        if (labels.TryGetValue("kueue.x-k8s.io/queue-name", out var queue))
            Assert.Matches(new Regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"), queue);
        if (labels.TryGetValue("kueue.x-k8s.io/managed", out var managed)) Assert.Equal("true", managed);
        Assert.False(labels.ContainsKey("kueue.x-k8s.io/pod-group-name"));
        Assert.Null(pod.Spec.SchedulingGates);
        // A Pod that restarts would hold the quota while the user is gone; mx stops and starts workspaces itself.
        Assert.Equal("Never", pod.Spec.RestartPolicy);
    }
}
