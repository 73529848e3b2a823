using System.Text.Json.Nodes;
using Mx.Tests.Cli;
using Mx.Tests.Support;

namespace Mx.Tests.Queues;

/// <summary>mx team add/list/remove through the built mx: teams are an answer of GpuQueues, rendered like any other.</summary>
public class TeamCliSpecs
{
    /// <summary>The commands after the queues sample's that make samples/acme-vision-teams.</summary>
    public static readonly string[][] SampleTeams =
    [
        ["team", "add", "vision", "--members", "ada@acme.ai,grace@acme.ai", "--quota", "l4-2=2,l4-1=1"],
        ["team", "add", "speech", "--members", "alan@acme.ai"],
    ];

    private static CliScenario Queued()
    {
        var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        Assert.Equal(0, scenario.MxIn(scenario.Project, GpuQueuesCliSpecs.SampleArgs).ExitCode);
        return scenario;
    }

    private static CliScenario WithSampleTeams()
    {
        var scenario = Queued();
        foreach (var args in SampleTeams)
        {
            var result = scenario.MxIn(scenario.Project, args);
            Assert.True(result.ExitCode == 0, result.All);
        }
        return scenario;
    }

    [Fact]
    public void The_teams_sample_is_the_queues_sample_plus_two_teams()
    {
        using var scenario = WithSampleTeams();

        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-teams"), scenario.Project);
    }

    [Fact]
    public void Regenerating_or_updating_after_adding_teams_changes_nothing()
    {
        using var scenario = WithSampleTeams();
        var before = scenario.Tree(scenario.Project);

        var skeleton = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");
        var queues = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--no-input");
        var update = scenario.MxIn(scenario.Project, "update", "--no-input");

        foreach (var result in new[] { skeleton, queues, update })
        {
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("Nothing to change", result.Output);
        }
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Teams_are_kept_in_state_as_one_answer_that_list_reads_back()
    {
        using var scenario = WithSampleTeams();

        var state = scenario.Tree(scenario.Project)[".mx/state.yaml"];
        var listed = scenario.MxIn(scenario.Project, "team", "list", "--json");
        var table = scenario.MxIn(scenario.Project, "team", "list");

        Assert.Contains("queue_teams:\n  - vision members=ada@acme.ai|grace@acme.ai quota=l4-2=2|l4-1=1\n  - speech members=alan@acme.ai\n", state.Replace("\"", ""));
        Assert.True(listed.ExitCode == 0, listed.All);
        var teams = JsonNode.Parse(listed.Output)!.AsArray();
        Assert.Equal(["vision", "speech"], teams.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal("team-vision", teams[0]!["namespace"]!.GetValue<string>());
        Assert.Equal(["ada@acme.ai", "grace@acme.ai"], teams[0]!["members"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(2, teams[0]!["quota"]!["l4-2"]!.GetValue<int>());
        Assert.Equal(3, teams[0]!["gpu_limit"]!.GetValue<int>());
        // No quota: everything the GPU pools hold, l4-1 2 nodes x 1 and l4-2 1 node x 2.
        Assert.Equal(4, teams[1]!["gpu_limit"]!.GetValue<int>());
        Assert.Contains("speech", table.Output);
        Assert.Contains("4 (the pools)", table.Output);
    }

    [Fact]
    public void The_job_templates_name_the_default_shapes_queue_and_change_nothing_else()
    {
        var skeleton = File.ReadAllLines(Path.Combine(Repository.Samples, "acme-vision", "infra", "k8s", "jobs", "train_job.yaml"));
        var queued = File.ReadAllLines(Path.Combine(Repository.Samples, "acme-vision-queues", "infra", "k8s", "jobs", "train_job.yaml"));

        var added = queued.Except(skeleton).ToArray();

        Assert.Equal(["    kueue.x-k8s.io/queue-name: l4-1"], added);
        Assert.Equal(skeleton, queued.Where(l => !added.Contains(l)));
    }

    [Fact]
    public void Describe_shows_the_teams_answer_and_its_encoding()
    {
        using var scenario = new CliScenario();

        var result = scenario.Mx("describe", "GpuQueues", "--json");

        var teams = JsonNode.Parse(result.Output)!["parameters"]!.AsArray().Single(p => p!["key"]!.GetValue<string>() == "queue_teams")!;
        Assert.Equal("--queue-teams", teams["option"]!.GetValue<string>());
        Assert.Contains("NAME members=a@x|b@x quota=SHAPE=N|SHAPE=N", teams["validation"]!.GetValue<string>());
    }

    [Fact]
    public void Removing_a_team_takes_out_its_namespace_queues_and_accounts_and_the_last_one_its_file()
    {
        using var scenario = WithSampleTeams();

        var first = scenario.MxIn(scenario.Project, "team", "remove", "vision");
        var tree = scenario.Tree(scenario.Project);
        var last = scenario.MxIn(scenario.Project, "team", "remove", "speech");
        var empty = scenario.Tree(scenario.Project);

        Assert.True(first.ExitCode == 0, first.All);
        Assert.DoesNotContain("team-vision", tree["infra/k8s/gpu-queues/teams.yaml"]);
        Assert.Contains("team-speech", tree["infra/k8s/gpu-queues/teams.yaml"]);
        Assert.DoesNotContain("queueTeam-vision", tree["infra/pulumi/cluster/Main.yaml"]);
        Assert.DoesNotContain("grace@acme.ai", tree["infra/pulumi/cluster/Main.yaml"]);
        Assert.Contains("queueTeam-speech-workloadIdentity", tree["infra/pulumi/cluster/Main.yaml"]);
        Assert.True(last.ExitCode == 0, last.All);
        Assert.False(empty.ContainsKey("infra/k8s/gpu-queues/teams.yaml"));
        Assert.DoesNotContain("teams.yaml", empty["infra/k8s/gpu-queues/kustomization.yaml"]);
        Assert.DoesNotContain("queueTeam", empty["infra/pulumi/cluster/Main.yaml"]);
        // Back to the queues sample, but for the (now empty) teams answer in state.
        var queuesSample = DirectorySnapshot.Read(Path.Combine(Repository.Samples, "acme-vision-queues"));
        Assert.Equal(queuesSample["infra/pulumi/cluster/Main.yaml"], empty["infra/pulumi/cluster/Main.yaml"]);
        Assert.Equal(queuesSample["infra/k8s/gpu-queues/kustomization.yaml"], empty["infra/k8s/gpu-queues/kustomization.yaml"]);
    }

    [Fact]
    public void A_dry_run_shows_the_change_and_writes_nothing()
    {
        using var scenario = Queued();
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "team", "add", "vision", "--members", "ada@acme.ai", "--dry-run");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("create     infra/k8s/gpu-queues/teams.yaml", result.Output);
        Assert.Contains("+  queueTeam-vision:", result.Output);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void A_team_edit_of_the_cluster_program_keeps_the_users_own_edits()
    {
        using var scenario = Queued();
        var cluster = Path.Combine(scenario.Project, "infra", "pulumi", "cluster", "Main.yaml");
        File.WriteAllText(cluster, File.ReadAllText(cluster).Replace("diskSizeGb: 100", "diskSizeGb: 120", StringComparison.Ordinal));
        Assert.Contains("diskSizeGb: 120", File.ReadAllText(cluster));

        var result = scenario.MxIn(scenario.Project, "team", "add", "vision", "--members", "ada@acme.ai");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("diskSizeGb: 120", File.ReadAllText(cluster));
        Assert.Contains("queueTeam-vision:", File.ReadAllText(cluster));
    }

    [Fact]
    public void Without_gpu_queues_there_are_no_teams_and_mx_says_how_to_get_them()
    {
        using var scenario = new CliScenario();
        scenario.Mx(CliScenario.AcmeVision);
        var before = scenario.Tree(scenario.Project);

        var add = scenario.MxIn(scenario.Project, "team", "add", "vision", "--members", "ada@acme.ai");
        var list = scenario.MxIn(scenario.Project, "team", "list");

        CliScenario.AssertBadInput(add, "mx generate GpuQueues");
        CliScenario.AssertBadInput(list, "mx generate GpuQueues");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Theory]
    [InlineData(new[] { "add", "Vision", "--members", "ada@acme.ai" }, "'Vision' cannot name a team")]
    [InlineData(new[] { "add", "9lives", "--members", "ada@acme.ai" }, "starting with a letter")]
    [InlineData(new[] { "add", "computer-vision-17", "--members", "ada@acme.ai" }, "at most 16 characters")]
    [InlineData(new[] { "add", "nlp", "--members", "ada" }, "'ada' is not an email address")]
    [InlineData(new[] { "add", "nlp", "--members", "ada@acme.ai", "--quota", "a100-1=1" }, "'a100-1' is not one of the queue shapes; the GPU shapes are l4-1, l4-2")]
    [InlineData(new[] { "add", "nlp", "--members", "ada@acme.ai", "--quota", "cpu=1" }, "cpu has none")]
    [InlineData(new[] { "add", "nlp", "--members", "ada@acme.ai", "--quota", "l4-2=3" }, "more than its pool holds (1 nodes x 2 GPUs = 2)")]
    [InlineData(new[] { "add", "nlp", "--members", "ada@acme.ai", "--quota", "l4-2" }, "give SHAPE=N")]
    [InlineData(new[] { "add", "nlp", "--members", "grace@acme.ai" }, "grace@acme.ai is in team vision already")]
    [InlineData(new[] { "add", "vision", "--members", "bob@acme.ai" }, "Team vision exists already")]
    [InlineData(new[] { "remove", "nlp" }, "There is no team nlp; the project's teams are vision, speech")]
    public void A_team_kubernetes_gcp_or_the_pools_cannot_serve_is_refused_and_nothing_is_written(string[] args, string message)
    {
        using var scenario = WithSampleTeams();
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, ["team", .. args]);

        CliScenario.AssertBadInput(result, message);
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }

    [Fact]
    public void Shrinking_a_pool_below_a_teams_quota_is_refused_naming_the_team()
    {
        using var scenario = WithSampleTeams();
        var before = scenario.Tree(scenario.Project);

        var result = scenario.MxIn(scenario.Project, "generate", "GpuQueues", "--queue-shapes", "cpu,l4-2", "--no-input");

        CliScenario.AssertBadInput(result, "team vision: 'l4-1' is not one of the queue shapes", "'mx team remove vision' and add it again");
        Assert.Equal(before, scenario.Tree(scenario.Project));
    }
}
