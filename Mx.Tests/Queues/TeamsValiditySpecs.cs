using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Mx.Tests.Cli;
using Mx.Tests.Support;
using Mx.Tests.Training;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Queues;

/// <summary>
/// What the teams of samples/acme-vision-teams (written by the CLI, <see cref="TeamCliSpecs"/>) add is valid for
/// Kubernetes, Kueue v0.19.2 and Pulumi, and its parts agree: namespaces, queues, quotas, RBAC and workload identity.
/// </summary>
public class TeamsValiditySpecs
{
    private const string TeamsFile = "infra/k8s/gpu-queues/teams.yaml";
    private static readonly SortedDictionary<string, string> Sample = DirectorySnapshot.Read(Path.Combine(Repository.Samples, "acme-vision-teams"));

    private static IReadOnlyList<string> Documents(string text) =>
        text.Split("\n---\n").Skip(1).ToArray();

    private static IReadOnlyList<JsonNode> Objects(string text) => YamlJson.LoadAll(text).Where(o => o is not null).Select(o => o!).ToArray();

    private static IEnumerable<JsonNode> OfKind(string kind) => Objects(Sample[TeamsFile]).Where(o => o["kind"]!.GetValue<string>() == kind);

    private static string Name(JsonNode o) => o["metadata"]!["name"]!.GetValue<string>();

    private static string Namespace(JsonNode o) => o["metadata"]!["namespace"]!.GetValue<string>();

    [Fact]
    public async Task Every_kubernetes_object_deserialises_strictly_and_every_local_queue_validates_against_the_pinned_crd()
    {
        var schema = await CrdSchema.LoadAsync(Path.Combine(Repository.Shared, "schemas", "crds", "kueue.x-k8s.io_localqueues.v0.19.2.yaml"), "v1beta2");
        var kinds = new List<string>();
        var problems = new List<string>();
        foreach (var document in Documents(Sample[TeamsFile]))
        {
            var o = Objects(document).Single();
            var kind = o["kind"]!.GetValue<string>();
            kinds.Add(kind);
            if (kind == "LocalQueue")
            {
                problems.AddRange(schema.Validate(o).Select(p => $"LocalQueue {Namespace(o)}/{Name(o)}: {p}"));
                continue;
            }
            var error = Record.Exception(() => _ = kind switch
            {
                "Namespace" => (object)KubernetesYaml.Deserialize<V1Namespace>(document, strict: true),
                "ServiceAccount" => KubernetesYaml.Deserialize<V1ServiceAccount>(document, strict: true),
                "ResourceQuota" => KubernetesYaml.Deserialize<V1ResourceQuota>(document, strict: true),
                "Role" => KubernetesYaml.Deserialize<V1Role>(document, strict: true),
                "RoleBinding" => KubernetesYaml.Deserialize<V1RoleBinding>(document, strict: true),
                _ => throw new InvalidOperationException($"unexpected kind {kind}"),
            });
            if (error is not null) problems.Add($"{kind} {Name(o)}: {error.Message}");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Two teams, each a namespace, a service account, a quota, a role, a binding and a queue per shape (cpu, l4-1, l4-2).
        Assert.Equal(2 * (5 + 3), kinds.Count);
        Assert.Equal(6, kinds.Count(k => k == "LocalQueue"));
    }

    [Fact]
    public void Every_team_local_queue_passes_kueues_rules_points_at_a_cluster_queue_and_waits_for_kueue()
    {
        var clusterQueues = Objects(Sample["infra/k8s/gpu-queues/queues.yaml"]).Where(o => o["kind"]!.GetValue<string>() == "ClusterQueue").Select(Name).ToHashSet();
        foreach (var queue in OfKind("LocalQueue"))
        {
            Assert.Empty(KueueWebhookRules.Validate(queue));
            Assert.Contains(queue["spec"]!["clusterQueue"]!.GetValue<string>(), clusterQueues);
            Assert.Equal(Name(queue), queue["spec"]!["clusterQueue"]!.GetValue<string>());
            Assert.StartsWith("team-", Namespace(queue));
            Assert.Equal("apps/namespaces/kueue-system/Deployment/kueue-controller-manager",
                queue["metadata"]!["annotations"]!["config.kubernetes.io/depends-on"]!.GetValue<string>());
        }
    }

    [Fact]
    public void The_update_rule_refuses_moving_a_local_queue_to_another_cluster_queue()
    {
        // Guards the CEL rule itself.
        var queue = OfKind("LocalQueue").First();
        var moved = queue.DeepClone();
        moved["spec"]!["clusterQueue"] = "l4-2";
        var same = queue.DeepClone();

        Assert.Contains("spec.clusterQueue: Invalid value: field is immutable", KueueWebhookRules.ValidateUpdate(queue, moved));
        Assert.Empty(KueueWebhookRules.ValidateUpdate(queue, same));
    }

    [Fact]
    public void Regenerating_with_another_shape_adds_queues_but_never_moves_one_kueue_would_refuse_to_update()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        scenario.MxIn(scenario.Project, GpuQueuesCliSpecs.SampleArgs);
        foreach (var args in TeamCliSpecs.SampleTeams) Assert.Equal(0, scenario.MxIn(scenario.Project, args).ExitCode);
        var before = Objects(scenario.Tree(scenario.Project)[TeamsFile]).Where(o => o["kind"]!.GetValue<string>() == "LocalQueue").ToArray();

        var result = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--queue-shapes", "l4-2,cpu,l4-4,l4-1", "--no-input");

        Assert.True(result.ExitCode == 0, result.All);
        var after = Objects(scenario.Tree(scenario.Project)[TeamsFile]).Where(o => o["kind"]!.GetValue<string>() == "LocalQueue")
            .ToDictionary(o => $"{Namespace(o)}/{Name(o)}");
        Assert.Equal(8, after.Count);
        foreach (var old in before)
            Assert.Empty(KueueWebhookRules.ValidateUpdate(old, after[$"{Namespace(old)}/{Name(old)}"]));
    }

    [Fact]
    public void Each_teams_quota_is_its_quotas_summed_or_what_the_gpu_pools_hold()
    {
        var quotas = OfKind("ResourceQuota").ToDictionary(Namespace, q => q["spec"]!["hard"]!.AsObject());

        Assert.Equal("3", quotas["team-vision"]["requests.nvidia.com/gpu"]!.GetValue<string>());   // l4-2=2 + l4-1=1
        Assert.Equal("4", quotas["team-speech"]["requests.nvidia.com/gpu"]!.GetValue<string>());   // 2 x 1 (l4-1) + 1 x 2 (l4-2)
        Assert.All(quotas.Values, q => Assert.Single(q));
    }

    [Fact]
    public void Members_may_submit_and_read_jobs_in_their_teams_namespace_only()
    {
        var roles = OfKind("Role").ToDictionary(Namespace);
        var bindings = OfKind("RoleBinding").ToDictionary(Namespace);

        Assert.Empty(OfKind("ClusterRole"));
        Assert.Empty(OfKind("ClusterRoleBinding"));
        Assert.Equal(["team-speech", "team-vision"], roles.Keys.Order());
        foreach (var (ns, binding) in bindings)
        {
            Assert.Equal("Role", binding["roleRef"]!["kind"]!.GetValue<string>());
            Assert.Equal(Name(roles[ns]), binding["roleRef"]!["name"]!.GetValue<string>());
            Assert.All(binding["subjects"]!.AsArray(), s =>
            {
                Assert.Equal("User", s!["kind"]!.GetValue<string>());
                Assert.Equal("rbac.authorization.k8s.io", s["apiGroup"]!.GetValue<string>());
            });
        }
        Assert.Equal(["ada@acme.ai", "grace@acme.ai"], bindings["team-vision"]["subjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(["alan@acme.ai"], bindings["team-speech"]["subjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));

        var rules = roles["team-vision"]["rules"]!.AsArray();
        string[] Verbs(string group, string resource) => rules
            .Where(r => r!["apiGroups"]!.AsArray().Any(g => g!.GetValue<string>() == group) && r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() == resource))
            .SelectMany(r => r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>())).Order().ToArray();
        string[] manage = ["create", "delete", "get", "list", "watch"];
        string[] read = ["get", "list", "watch"];
        Assert.Equal(manage, Verbs("batch", "jobs"));
        Assert.Equal(manage, Verbs("trainer.kubeflow.org", "trainjobs"));
        Assert.Equal(manage, Verbs("kubeflow.org", "pytorchjobs"));
        Assert.Equal(read, Verbs("", "pods/log"));
        Assert.Equal(read, Verbs("kueue.x-k8s.io", "workloads"));
        Assert.DoesNotContain(rules, r => r!["verbs"]!.AsArray().Any(v => v!.GetValue<string>() is "*" or "update" or "patch" or "escalate" or "bind"));
        Assert.DoesNotContain(rules, r => r!["resources"]!.AsArray().Any(x => x!.GetValue<string>() is "*" or "secrets" or "roles" or "rolebindings"));
    }

    [Fact]
    public void Each_teams_service_account_is_the_gcp_account_the_cluster_program_creates_and_binds_to_it()
    {
        var resources = (YamlMappingNode)((YamlMappingNode)Load(Sample["infra/pulumi/cluster/Main.yaml"]))["resources"];
        var project = Sample[".mx/state.yaml"].Contains("gcp_project: acme-vision-prod", StringComparison.Ordinal) ? "acme-vision-prod" : throw new InvalidOperationException();
        foreach (var account in OfKind("ServiceAccount"))
        {
            var ns = Namespace(account);
            var team = ns["team-".Length..];
            var sa = (YamlMappingNode)((YamlMappingNode)resources[$"queueTeam-{team}"])["properties"];
            var binding = (YamlMappingNode)((YamlMappingNode)resources[$"queueTeam-{team}-workloadIdentity"])["properties"];

            // The job template's serviceAccountName, so one template serves every namespace.
            Assert.Equal("training", Name(account));
            Assert.Equal($"{sa["accountId"]}@{project}.iam.gserviceaccount.com", account["metadata"]!["annotations"]!["iam.gke.io/gcp-service-account"]!.GetValue<string>());
            Assert.InRange(sa["accountId"].ToString().Length, 6, 30);
            Assert.Equal($"${{queueTeam-{team}.name}}", binding["serviceAccountId"].ToString());
            Assert.Equal("roles/iam.workloadIdentityUser", binding["role"].ToString());
            Assert.Equal($"serviceAccount:{project}.svc.id.goog[{ns}/training]", binding["member"].ToString());
        }
        var namespaces = OfKind("Namespace").ToArray();
        Assert.Equal(2, namespaces.Length);
        // MLflow's NetworkPolicy admits these namespaces, so team jobs track their runs.
        Assert.All(namespaces, n => Assert.Equal("true", n["metadata"]!["labels"]!["mx.dev/mlflow-client"]!.GetValue<string>()));
    }

    [Fact]
    public void The_cluster_program_with_the_teams_accounts_validates_against_the_provider_schemas()
    {
        var problems = PulumiProgramValidator.ValidateStack(Sample["infra/pulumi/cluster/Main.yaml"], Sample["infra/pulumi/cluster/Pulumi.yaml"]);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("queueTeamMember-grace-acme-ai-cluster:", Sample["infra/pulumi/cluster/Main.yaml"]);
    }

    [Fact]
    public void The_kustomization_lists_the_teams_file()
    {
        var kustomization = (YamlMappingNode)Load(Sample["infra/k8s/gpu-queues/kustomization.yaml"]);

        Assert.Equal(["queues.yaml", "teams.yaml"], ((YamlSequenceNode)kustomization["resources"]).Select(r => r.ToString()).Where(r => !r.StartsWith("https://", StringComparison.Ordinal)));
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
