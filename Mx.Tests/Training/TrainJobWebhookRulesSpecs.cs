using System.Text.Json.Nodes;
using Mx.Tests.Support;

namespace Mx.Tests.Training;

/// <summary>Every TrainJob mx writes or submits gets past the Trainer v2.3.0 webhook, not only the CRD schema.</summary>
public class TrainJobWebhookRulesSpecs(DistributedProjects projects) : IClassFixture<DistributedProjects>
{
    private static JsonNode Runtime() => YamlJson.LoadAll(File.ReadAllText(
        Path.Combine(Repository.Shared, "schemas", "runtimes", "trainer.kubeflow.org_torch_distributed.v2.3.0.yaml"))).Single()!;

    private JsonNode GeneratedTrainJob() => YamlJson.LoadAll(projects.TrainJob.Files[DistributedJobTemplate]).Single()!;

    private const string DistributedJobTemplate = "infra/k8s/jobs/train_distributed.yaml";

    [Fact]
    public void Every_generated_trainjob_and_every_one_in_the_samples_passes_the_webhook()
    {
        var jobs = new List<(string Where, JsonNode Job)> { ("generated " + DistributedJobTemplate, GeneratedTrainJob()) };
        foreach (var path in Directory.EnumerateFiles(Repository.Samples, "*.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("kind: TrainJob", StringComparison.Ordinal))
                continue;
            jobs.AddRange(YamlJson.LoadAll(text).Where(d => d?["kind"]?.GetValue<string>() == "TrainJob").Select(d => (path, d!)));
        }

        Assert.True(jobs.Count >= 2, "no TrainJob in the samples");
        foreach (var (where, job) in jobs)
        {
            var problems = TrainJobWebhookRules.Validate(job, Runtime());
            Assert.True(problems.Count == 0, $"{where}:\n{string.Join("\n", problems)}");
        }
    }

    [Fact]
    public void The_trainjob_mx_run_distributed_submits_passes_the_webhook()
    {
        using var world = new RunWorld();
        world.GenerateDistributed("trainjob");

        var result = world.Mx("run", "train", "--distributed", "--workers", "2", "-P", "lr=0.01");

        Assert.True(result.ExitCode == 0, result.All);
        var job = YamlJson.LoadAll(world.Calls().Single(c => c.Tool == "kubectl" && c.Argv.Contains("apply")).Stdin!).Single()!;
        var problems = TrainJobWebhookRules.Validate(job, Runtime());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("mx", "must be a domain-prefixed path")]
    [InlineData("", "Required value")]
    [InlineData("Mx.Dev/run", "RFC 1123 subdomain")]
    [InlineData("mx.dev/", "must be a domain-prefixed path")]
    [InlineData("mx.dev/run now", "Invalid path")]
    public void The_rules_refuse_a_manager_that_is_not_a_domain_prefixed_path(string manager, string expected)
    {
        var job = GeneratedTrainJob();
        job["spec"]!["runtimePatches"]![0]!["manager"] = manager;

        var problems = TrainJobWebhookRules.Validate(job, Runtime());

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_rules_refuse_reserved_torchrun_variables_and_patches_of_what_the_runtime_lacks()
    {
        var job = GeneratedTrainJob();
        job["spec"]!["trainer"]!["env"]!.AsArray().Add(new JsonObject { ["name"] = "PET_MASTER_PORT", ["value"] = "1234" });
        var podSpec = job["spec"]!["runtimePatches"]![0]!["trainingRuntimeSpec"]!["template"]!["spec"]!["replicatedJobs"]![0]!["template"]!["spec"]!["template"]!["spec"]!;
        podSpec["containers"]![0]!["env"] = new JsonArray(new JsonObject { ["name"] = "A", ["value"] = "b" });
        podSpec["initContainers"] = new JsonArray(new JsonObject { ["name"] = "warm-up" });
        job["spec"]!["runtimePatches"]![0]!["trainingRuntimeSpec"]!["template"]!["spec"]!["replicatedJobs"]!.AsArray()
            .Add(new JsonObject { ["name"] = "launcher" });
        job["spec"]!["runtimeRef"]!["name"] = "torch-distributed-old";

        var problems = TrainJobWebhookRules.Validate(job, Runtime());

        Assert.Contains(problems, p => p.Contains("PET_MASTER_PORT", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must not have envs for", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("initContainer that doesn't exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("replicated job that doesn't exist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("spec.runtimeRef", StringComparison.Ordinal));
    }
}
