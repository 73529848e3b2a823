using Mx.Tests.Support;
using Mx.Generators;
using Mx.Tests.Cli;
using Mx.Tests.Validation;

namespace Mx.Tests.Generated;

/// <summary>Generating the skeleton again keeps what other commands added to the project since.</summary>
public class RegenerationSpecs
{
    public static TheoryData<string> Samples => new(Directory.EnumerateDirectories(Repository.Samples)
        .Where(d => File.Exists(Path.Combine(d, StateFile.RelativePath))).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Samples))]
    public void Updating_a_golden_sample_changes_no_file_not_even_the_order_of_a_programs_resources(string sample)
    {
        using var directory = new TempDirectory();
        var project = CopySample(directory, sample);

        var updated = MxProcess.Run(project, "update", "--no-input");

        Assert.True(updated.ExitCode == 0, updated.All);
        var differences = GoldenDirectory.Differences(Path.Combine(Repository.Samples, sample), project);
        Assert.True(differences.Length == 0, $"mx update changed {sample}:\n{differences}");
    }

    [Fact]
    public void An_engineers_edit_beside_a_generators_deployment_stays_as_it_is_on_update()
    {
        using var directory = new TempDirectory();
        var project = CopySample(directory, "acme-vision-label");
        var program = Path.Combine(project, "infra", "pulumi", "platform", "Main.yaml");
        // The engineer raises the timeout of the labeling tool's deployment, the program's last resource.
        var edited = File.ReadAllText(program).Replace(
            "        - ${labelSecrets}\n", "        - ${labelSecrets}\n      customTimeouts:\n        create: 30m\n", StringComparison.Ordinal);
        File.WriteAllText(program, edited);

        var updated = MxProcess.Run(project, "update", "--no-input");

        Assert.True(updated.ExitCode == 0, updated.All);
        Assert.Equal(edited, File.ReadAllText(program));
        Assert.DoesNotContain("conflict", updated.Output);
        Assert.DoesNotContain("merge ", updated.Output);
    }

    private static string CopySample(TempDirectory directory, string sample) =>
        DirectoryCopy.Copy(Path.Combine(Repository.Samples, sample), directory.Combine(sample));

    [Fact]
    public void Deployments_enabled_later_stay_in_the_re_rendered_platform_program()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = StateFile.Load(scenario.Project)!;
        StateFile.Save(scenario.Project, state with { Deployments = [.. state.Deployments, "gpu-queues"] });

        var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Contains("update     infra/pulumi/platform/Main.yaml", again.Output);
        var program = File.ReadAllText(Path.Combine(scenario.Project, "infra", "pulumi", "platform", "Main.yaml"));
        Assert.Contains("  gpu-queues:\n    type: kubernetes:kustomize/v2:Directory\n    properties:\n      directory: ../../k8s/gpu-queues", program);
        Assert.Empty(PulumiProgramValidator.Validate(program, projectName: "acme-vision-platform"));
    }

    [Fact]
    public void Stack_files_that_pulumi_added_to_are_neither_overwritten_nor_conflicts()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var stackFile = Path.Combine(scenario.Project, "infra", "pulumi", "cluster", "Pulumi.dev.yaml");
        File.AppendAllText(stackFile, "encryptionsalt: v1:abc:def\n");
        var salted = File.ReadAllText(stackFile);

        var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input");

        Assert.True(again.ExitCode == 0, again.All);
        Assert.Equal(salted, File.ReadAllText(stackFile));
        File.Delete(stackFile);
        Assert.Equal(0, scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input").ExitCode);
        Assert.DoesNotContain("encryptionsalt", File.ReadAllText(stackFile));
    }

    [Fact]
    public void Stack_settings_follow_changed_answers_and_keep_what_pulumi_added()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var stackFile = Path.Combine(scenario.Project, "infra", "pulumi", "cluster", "Pulumi.dev.yaml");
        File.AppendAllText(stackFile, "encryptionsalt: v1:abc:def\n");
        var text = File.ReadAllText(stackFile).Replace("config:\n", "config:\n  acme-vision-cluster:secretThing:\n    secure: v1:xyz\n");
        File.WriteAllText(stackFile, text);

        var again = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--no-input", "--gpu-max-nodes", "1");

        Assert.True(again.ExitCode == 0, again.All);
        var settings = File.ReadAllText(stackFile);
        Assert.Contains("  acme-vision-cluster:gpuMaxNodes: 1\n", settings);
        Assert.DoesNotContain("gpuMaxNodes: 2", settings);
        Assert.Contains("encryptionsalt: v1:abc:def", settings);
        Assert.Contains("  acme-vision-cluster:secretThing:\n    secure: v1:xyz\n", settings);
        Assert.Contains("# The dev stack of acme-vision-cluster", settings);
        // Lint reads the stack file as it now is: no stale value is left for it to check.
        Assert.Equal(0, scenario.MxIn(scenario.Project, "lint").ExitCode);
    }

    [Fact]
    public void A_project_generated_before_the_database_question_keeps_its_in_cluster_database()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var state = StateFile.Load(scenario.Project)!;
        StateFile.Save(scenario.Project, state with { Answers = Answers.Empty.WithAll(state.Answers.Where(a => a.Key != "mlflow_database")) });
        var platform = Path.Combine(scenario.Project, "infra", "pulumi", "platform", "Main.yaml");
        var before = File.ReadAllText(platform);

        var distributed = scenario.MxIn(scenario.Project, "generate", "DistributedTraining", "--no-input");

        Assert.True(distributed.ExitCode == 0, distributed.All);
        var after = File.ReadAllText(platform);
        Assert.Contains("mlflow-postgres.mlflow.svc.cluster.local", after);
        // Everything that was there stays as it was; the new deployment comes after it.
        Assert.StartsWith(before.TrimEnd('\n'), after, StringComparison.Ordinal);
        Assert.Contains("  distributed-training:\n    type: kubernetes:kustomize/v2:Directory", after[before.TrimEnd('\n').Length..], StringComparison.Ordinal);
    }

    [Fact]
    public void Switching_to_cloud_sql_deletes_the_in_cluster_database_files_and_gives_the_cloud_sql_sample()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);

        var dryRun = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--mlflow-database", "cloud-sql", "--dry-run", "--no-input");
        Assert.True(dryRun.ExitCode == 0, dryRun.All);
        Assert.Contains("delete     infra/k8s/training-infra/postgres-statefulset.yaml", dryRun.Output);
        Assert.Contains("--- a/infra/k8s/training-infra/postgres-service.yaml\n+++ /dev/null", dryRun.Output);
        Assert.True(File.Exists(Path.Combine(scenario.Project, "infra", "k8s", "training-infra", "postgres-service.yaml")));

        var switched = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--mlflow-database", "cloud-sql", "--no-input");

        Assert.True(switched.ExitCode == 0, switched.All);
        Assert.Contains("delete     infra/k8s/training-infra/postgres-service.yaml", switched.Output);
        Assert.Contains("5 delete", switched.Output);
        GoldenDirectory.AssertMatches(Path.Combine(Repository.Samples, "acme-vision-cloudsql"), scenario.Project);
    }

    [Fact]
    public void A_file_mx_no_longer_writes_that_the_user_changed_is_a_conflict_until_forced()
    {
        using var scenario = new CliScenario();
        Assert.Equal(0, scenario.Mx(CliScenario.AcmeVision).ExitCode);
        var statefulSet = Path.Combine(scenario.Project, "infra", "k8s", "training-infra", "postgres-statefulset.yaml");
        File.AppendAllText(statefulSet, "# tuned for our load\n");
        var edited = File.ReadAllText(statefulSet);

        var blocked = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--mlflow-database", "cloud-sql", "--no-input");

        Assert.True(blocked.ExitCode == 3, blocked.All);
        Assert.Contains("conflict  infra/k8s/training-infra/postgres-statefulset.yaml", blocked.Output);
        Assert.Equal(edited, File.ReadAllText(statefulSet));
        Assert.Equal("in-cluster", StateFile.Load(scenario.Project)!.Answers.GetString("mlflow_database"));

        var forced = scenario.MxIn(scenario.Project, "generate", "MLProjectSkeleton", "--mlflow-database", "cloud-sql", "--force", "--no-input");

        Assert.True(forced.ExitCode == 0, forced.All);
        Assert.False(File.Exists(statefulSet));
        Assert.DoesNotContain("infra/k8s/training-infra/postgres-statefulset.yaml", StateFile.Load(scenario.Project)!.Files.Keys);
    }
}
