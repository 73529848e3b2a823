using System.Text.Json.Nodes;
using k8s;
using Mx.Tests.Support;
using Mx.Tests.Validation;
using YamlDotNet.RepresentationModel;

namespace Mx.Tests.Training;

/// <summary>What DistributedTraining writes is valid for the operator, kustomize, Pulumi and Python that read it.</summary>
public class DistributedTrainingValiditySpecs(DistributedProjects projects) : IClassFixture<DistributedProjects>
{
    private const string JobTemplate = "infra/k8s/jobs/train_distributed.yaml";
    private const string Kustomization = "infra/k8s/distributed-training/kustomization.yaml";
    private static string Crds => Path.Combine(Repository.Shared, "schemas", "crds");

    [Fact]
    public async Task The_trainjob_template_validates_strictly_against_the_trainer_v2_3_0_crd()
    {
        var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, "trainer.kubeflow.org_trainjobs.v2.3.0.yaml"), "v1alpha1");
        var job = YamlJson.LoadAll(projects.TrainJob.Files[JobTemplate]).Single()!;

        var problems = schema.Validate(job);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_pytorchjob_template_validates_strictly_against_the_training_operator_v1_9_4_crd()
    {
        var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, "kubeflow.org_pytorchjobs.v1.9.4.yaml"), "v1");
        var job = YamlJson.LoadAll(projects.PyTorchJob.Files[JobTemplate]).Single()!;

        var problems = schema.Validate(job);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_strict_crd_schema_rejects_a_field_the_trainjob_api_does_not_have()
    {
        // Guards the validator itself: podTemplateOverrides was removed from TrainJob in Trainer v2.2.
        var schema = await CrdSchema.LoadAsync(Path.Combine(Crds, "trainer.kubeflow.org_trainjobs.v2.3.0.yaml"), "v1alpha1");
        var job = YamlJson.LoadAll(projects.TrainJob.Files[JobTemplate]).Single()!;
        job["spec"]!["podTemplateOverrides"] = new JsonArray();
        job["spec"]!["trainer"]!["resourcesPerNode"]!["requests"]!["cpu"] = 0.5;

        var problems = schema.Validate(job);

        Assert.Contains(problems, p => p.Contains("podTemplateOverrides", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cpu", StringComparison.Ordinal));
    }

    [Fact]
    public void The_trainjob_refers_to_the_torch_distributed_runtime_and_patches_its_node_container()
    {
        var runtime = YamlJson.LoadAll(File.ReadAllText(Path.Combine(Repository.Shared, "schemas", "runtimes", "trainer.kubeflow.org_torch_distributed.v2.3.0.yaml"))).Single()!;
        var job = YamlJson.LoadAll(projects.TrainJob.Files[JobTemplate]).Single()!;
        var runtimeRef = job["spec"]!["runtimeRef"]!;
        Assert.Equal(runtime["kind"]!.GetValue<string>(), runtimeRef["kind"]!.GetValue<string>());
        Assert.Equal(runtime["metadata"]!["name"]!.GetValue<string>(), runtimeRef["name"]!.GetValue<string>());

        var runtimeJob = runtime["spec"]!["template"]!["spec"]!["replicatedJobs"]![0]!;
        var patchedJob = job["spec"]!["runtimePatches"]![0]!["trainingRuntimeSpec"]!["template"]!["spec"]!["replicatedJobs"]![0]!;
        Assert.Equal(runtimeJob["name"]!.GetValue<string>(), patchedJob["name"]!.GetValue<string>());
        var runtimeContainer = runtimeJob["template"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["name"]!.GetValue<string>();
        var podSpec = patchedJob["template"]!["spec"]!["template"]!["spec"]!;
        Assert.Equal(runtimeContainer, podSpec["containers"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("training", podSpec["serviceAccountName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("trainjob")]
    [InlineData("pytorchjob")]
    public void Every_pod_lands_on_the_gpu_pool_with_a_gpu_request_and_a_memory_backed_dev_shm(string trainingOperator)
    {
        var job = YamlJson.LoadAll(projects.For(trainingOperator).Files[JobTemplate]).Single()!;
        var pods = trainingOperator == "trainjob"
            ? [(Pod: job["spec"]!["runtimePatches"]![0]!["trainingRuntimeSpec"]!["template"]!["spec"]!["replicatedJobs"]![0]!["template"]!["spec"]!["template"]!["spec"]!,
                Resources: job["spec"]!["trainer"]!["resourcesPerNode"]!)]
            : job["spec"]!["pytorchReplicaSpecs"]!.AsObject().Select(r => (Pod: r.Value!["template"]!["spec"]!, Resources: r.Value!["template"]!["spec"]!["containers"]![0]!["resources"]!)).ToArray();

        Assert.NotEmpty(pods);
        foreach (var (pod, resources) in pods)
        {
            Assert.Equal("nvidia-l4", pod["nodeSelector"]!["cloud.google.com/gke-accelerator"]!.GetValue<string>());
            Assert.Contains(pod["tolerations"]!.AsArray(), t => t!["key"]!.GetValue<string>() == "nvidia.com/gpu" && t["effect"]!.GetValue<string>() == "NoSchedule");
            Assert.Equal(1, resources["limits"]!["nvidia.com/gpu"]!.GetValue<long>());
            Assert.Equal(1, resources["requests"]!["nvidia.com/gpu"]!.GetValue<long>());
            var shm = pod["volumes"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "dshm")!;
            Assert.Equal("Memory", shm["emptyDir"]!["medium"]!.GetValue<string>());
            Assert.Contains(pod["containers"]![0]!["volumeMounts"]!.AsArray(), m => m!["mountPath"]!.GetValue<string>() == "/dev/shm");
        }
    }

    [Theory]
    [InlineData("trainjob")]
    [InlineData("pytorchjob")]
    public void The_job_template_stops_after_the_skeletons_job_deadline(string trainingOperator)
    {
        var job = YamlJson.LoadAll(projects.For(trainingOperator).Files[JobTemplate]).Single()!;
        var owner = trainingOperator == "trainjob" ? job["spec"]! : job["spec"]!["runPolicy"]!;

        Assert.Equal(72 * 3600, owner["activeDeadlineSeconds"]!.GetValue<long>());
    }

    [Fact]
    public void The_pytorchjob_follows_the_operators_webhook_rules()
    {
        // The v1 operator's admission webhook, which the CRD schema does not express: one Master, containers named pytorch.
        var job = YamlJson.LoadAll(projects.PyTorchJob.Files[JobTemplate]).Single()!;
        var replicas = job["spec"]!["pytorchReplicaSpecs"]!.AsObject();
        Assert.Equal(1, replicas["Master"]!["replicas"]!.GetValue<long>());
        Assert.Equal(2, replicas.Sum(r => r.Value!["replicas"]!.GetValue<long>()));
        Assert.All(replicas, r => Assert.Equal("pytorch", r.Value!["template"]!["spec"]!["containers"]![0]!["name"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("trainjob", "v2.3.0", "manifests/overlays/manager", "manifests/overlays/runtimes")]
    [InlineData("pytorchjob", "v1.9.4", "manifests/overlays/standalone")]
    public void The_operator_is_installed_from_the_commit_of_its_release_tag_never_a_branch(string trainingOperator, string tag, params string[] overlays)
    {
        var kustomization = YamlJson.LoadAll(projects.For(trainingOperator).Files[Kustomization]).Single()!;
        var resources = kustomization["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
        var commit = KustomizeBasePins.Load()[("https://github.com/kubeflow/trainer.git", tag)];

        Assert.Equal(overlays.Select(o => $"https://github.com/kubeflow/trainer.git/{o}?ref={commit}"), resources);
    }

    [Fact]
    public void Every_remote_base_of_every_generated_kustomization_is_pinned_to_the_commit_of_the_tag_it_names()
    {
        var kustomizations = new List<(string Name, string Text)>();
        foreach (var project in new[] { projects.TrainJob, projects.PyTorchJob })
            kustomizations.AddRange(project.Files.Where(f => Path.GetFileName(f.Key) == "kustomization.yaml").Select(f => (project.Root + "/" + f.Key, f.Value)));
        foreach (var file in Directory.EnumerateFiles(Repository.Samples, "kustomization.yaml", SearchOption.AllDirectories))
            kustomizations.Add((Path.GetRelativePath(Repository.Root, file), File.ReadAllText(file)));

        var problems = kustomizations.SelectMany(k => KustomizeBasePins.Problems(k.Text).Select(p => $"{k.Name}: {p}")).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(kustomizations, k => k.Text.Contains("?ref=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  - https://github.com/kubeflow/trainer.git/manifests/overlays/manager?ref=v2.3.0", "not a 40-hex commit")]
    [InlineData("  - https://github.com/kubeflow/trainer.git/manifests/overlays/manager?ref=4445c12aa62e4345b0c2c6ac9b215a70eca46ed7 # v2.3.0", "is v1.9.4, not v2.3.0")]
    [InlineData("  - https://github.com/kubeflow/trainer.git/manifests/overlays/manager?ref=658725bdae5c7e3a0854d93ac6ff492e109a22ab", "names no release tag")]
    [InlineData("  - https://github.com/kubeflow/trainer.git/manifests/overlays/manager # v2.3.0", "has no ?ref=")]
    public void The_pin_check_reports_a_tag_ref_a_commit_of_another_tag_and_a_missing_tag(string resource, string expected)
    {
        var text = $"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{resource}\n  - ../local\n";

        var problems = KustomizeBasePins.Problems(text);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trainjob")]
    [InlineData("pytorchjob")]
    public void The_platform_program_deploys_the_distributed_training_directory_and_stays_valid(string trainingOperator)
    {
        var (root, files) = projects.For(trainingOperator);
        var program = files["infra/pulumi/platform/Main.yaml"];
        var resources = (YamlMappingNode)((YamlMappingNode)Load(program))["resources"];
        var deployment = (YamlMappingNode)resources["distributed-training"];
        var directory = ((YamlMappingNode)deployment["properties"])["directory"].ToString();
        Assert.Equal(Path.Combine(root, "infra", "k8s", "distributed-training"), Path.GetFullPath(Path.Combine(root, "infra/pulumi/platform", directory)));

        var problems = PulumiProgramValidator.ValidateStack(program, files["infra/pulumi/platform/Pulumi.yaml"]);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_skeletons_kubernetes_objects_still_deserialise_strictly_next_to_the_distributed_ones()
    {
        var manifests = projects.TrainJob.Files.Where(f => f.Key.StartsWith("infra/k8s/training-infra/", StringComparison.Ordinal) && Path.GetFileName(f.Key) != "kustomization.yaml");
        foreach (var (path, text) in manifests)
        {
            var problem = Record.Exception(() => KubernetesYaml.LoadAllFromString(text, strict: true));
            Assert.True(problem is null, $"{path}: {problem?.Message}");
        }
    }

    [Fact]
    public void The_ddp_trainer_and_its_test_compile()
    {
        var root = projects.TrainJob.Root;
        var files = new[] { "src/acme_vision/distributed.py", "tests/test_distributed.py" }.Select(f => Path.Combine(root, f)).ToArray();
        Assert.All(files, f => Assert.True(File.Exists(f), f));
        var (exitCode, errors) = PythonCompiler.Compile(files);
        Assert.True(exitCode == 0, errors);
    }

    [Fact]
    public void The_ddp_trainer_shards_data_logs_only_on_rank_0_and_is_started_by_torchrun()
    {
        var trainer = projects.TrainJob.Files["src/acme_vision/distributed.py"];
        Assert.Contains("DistributedSampler(", trainer);
        Assert.Contains("DistributedDataParallel(", trainer);
        Assert.Contains("set_epoch(epoch)", trainer);
        Assert.Contains("if world.is_main:", trainer);
        Assert.Contains("""os.environ.get("LOCAL_RANK", "0")""", trainer);
        var job = YamlJson.LoadAll(projects.TrainJob.Files[JobTemplate]).Single()!;
        Assert.Equal(["torchrun", "--module", "acme_vision.distributed"], job["spec"]!["trainer"]!["command"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }
}
