using Mx.Pulumi;
using Mx.Pulumi.Internal;
using Mx.Pulumi.Training;

namespace Mx.Tests.Pulumi;

public class ToolArgumentSpecs
{
    [Fact]
    public void Stack_selection_creates_a_missing_stack_without_prompting()
    {
        Assert.Equal(["stack", "select", "--stack", "dev", "--create", "--non-interactive", "--color", "never"], PulumiArguments.SelectStack("dev"));
    }

    [Fact]
    public void Plain_config_values_are_written_in_one_set_all()
    {
        Assert.Equal(
            ["config", "set-all", "--stack", "prod", "--plaintext", "gcp:project=acme-prod", "--plaintext", "gcp:zone=europe-west4-a", "--non-interactive", "--color", "never"],
            PulumiArguments.SetConfig("prod", [new("gcp:project", "acme-prod"), new("gcp:zone", "europe-west4-a")]));
    }

    [Fact]
    public void A_secret_config_value_never_appears_in_the_argument_list()
    {
        Assert.Equal(["config", "set", "acme:dbPassword", "--secret", "--stack", "dev", "--non-interactive", "--color", "never"],
            PulumiArguments.SetSecretConfig("dev", "acme:dbPassword"));
        Assert.Equal(["config", "rm", "acme:deletionProtection", "--stack", "dev", "--non-interactive", "--color", "never"],
            PulumiArguments.RemoveConfig("dev", "acme:deletionProtection"));
    }

    [Fact]
    public void Up_confirms_skips_pulumi_s_own_preview_and_streams_json()
    {
        Assert.Equal(["up", "--stack", "dev", "--yes", "--skip-preview", "--json", "--non-interactive", "--color", "never"], PulumiArguments.Up("dev", refresh: false));
        Assert.Equal(["up", "--stack", "dev", "--yes", "--skip-preview", "--json", "--refresh", "--target", "urn:pulumi:dev::p::t::n", "--non-interactive", "--color", "never"],
            PulumiArguments.Up("dev", refresh: true, ["urn:pulumi:dev::p::t::n"]));
    }

    [Fact]
    public void Preview_and_destroy_are_non_interactive_json_runs()
    {
        Assert.Equal(["preview", "--stack", "dev", "--json", "--non-interactive", "--color", "never"], PulumiArguments.Preview("dev", refresh: false));
        Assert.Equal(["preview", "--stack", "dev", "--json", "--refresh", "--non-interactive", "--color", "never"], PulumiArguments.Preview("dev", refresh: true));
        Assert.Equal(["destroy", "--stack", "dev", "--yes", "--skip-preview", "--json", "--exclude-protected", "--non-interactive", "--color", "never"],
            PulumiArguments.Destroy("dev", excludeProtected: true));
        Assert.Equal(["destroy", "--stack", "dev", "--yes", "--skip-preview", "--json", "--non-interactive", "--color", "never"],
            PulumiArguments.Destroy("dev", excludeProtected: false));
    }

    [Fact]
    public void Outputs_are_read_without_showing_secrets_and_a_stale_lock_is_cancelled_by_stack()
    {
        Assert.Equal(["stack", "output", "--stack", "dev", "--json", "--non-interactive", "--color", "never"], PulumiArguments.StackOutputs("dev"));
        Assert.Equal(["cancel", "--stack", "dev", "--yes"], PulumiArguments.Cancel("dev"));
        Assert.Equal(["version"], PulumiArguments.Version());
    }

    [Fact]
    public void The_environment_names_the_backend_and_pulumi_itself_turns_off_the_update_check()
    {
        Assert.Equal(new Dictionary<string, string> { ["PULUMI_BACKEND_URL"] = "gs://b" }, PulumiEnvironment.For("gs://b"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["PULUMI_BACKEND_URL"] = "file:///tmp/s", ["PULUMI_ENABLE_STREAMING_JSON_PREVIEW"] = "true",
        }, PulumiEnvironment.For("file:///tmp/s", streamingPreview: true));
        Assert.Equal(new Dictionary<string, string?> { ["PULUMI_SKIP_UPDATE_CHECK"] = "true", ["PULUMI_BACKEND_URL"] = "gs://b" },
            ToolRunner.EnvironmentOf(new ToolInvocation(Tool.Pulumi, PulumiArguments.Version(), "") { Environment = PulumiEnvironment.For("gs://b") }));
    }

    [Fact]
    public void Every_gcloud_run_gets_the_tools_no_prompt_environment_cloud_build_too_and_an_invocation_may_override_it()
    {
        var cloudBuild = new ToolInvocation(Tool.Gcloud, RunArguments.CloudBuild("r/i:t", "p", "/src"), "building");
        Assert.Equal(new Dictionary<string, string?> { ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1" }, ToolRunner.EnvironmentOf(cloudBuild));
        Assert.Equal("0", ToolRunner.EnvironmentOf(cloudBuild with { Environment = new Dictionary<string, string> { ["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "0" } })["CLOUDSDK_CORE_DISABLE_PROMPTS"]);
        Assert.Empty(ToolRunner.EnvironmentOf(new ToolInvocation(Tool.Kubectl, KubectlArguments.ClientVersion(), "")));
    }

    [Fact]
    public void A_passphrase_or_a_passphrase_file_is_required_and_an_empty_passphrase_counts()
    {
        Assert.Contains("PULUMI_CONFIG_PASSPHRASE", PulumiEnvironment.PassphraseProblem(_ => null));
        Assert.Null(PulumiEnvironment.PassphraseProblem(name => name == "PULUMI_CONFIG_PASSPHRASE" ? "" : null));
        Assert.Null(PulumiEnvironment.PassphraseProblem(name => name == "PULUMI_CONFIG_PASSPHRASE_FILE" ? "/secrets/p" : null));
        Assert.NotNull(PulumiEnvironment.PassphraseProblem(name => name == "PULUMI_CONFIG_PASSPHRASE_FILE" ? "" : null));
    }

    [Fact]
    public void Gcloud_creates_the_state_bucket_locked_down_and_never_prompts()
    {
        Assert.Equal(["storage", "buckets", "describe", "gs://p-n-state", "--project", "p", "--format", "json", "--quiet"], GcloudArguments.DescribeBucket("p-n-state", "p"));
        Assert.Equal(["storage", "buckets", "create", "gs://p-n-state", "--project", "p", "--location", "europe-west4", "--uniform-bucket-level-access", "--public-access-prevention", "--quiet"],
            GcloudArguments.CreateBucket("p-n-state", "p", "europe-west4"));
        Assert.Equal(["storage", "buckets", "update", "gs://p-n-state", "--project", "p", "--versioning", "--update-labels", "managed-by=mx,project=n", "--quiet"],
            GcloudArguments.VersionAndLabelBucket("p-n-state", "p", new SortedDictionary<string, string> { ["project"] = "n", ["managed-by"] = "mx" }));
    }

    [Fact]
    public void Gcloud_fetches_credentials_for_the_dns_endpoint_and_reports_as_json()
    {
        Assert.Equal(["container", "clusters", "get-credentials", "acme", "--location", "europe-west4-a", "--project", "p", "--dns-endpoint", "--quiet"],
            GcloudArguments.GetCredentials("acme", "europe-west4-a", "p"));
        Assert.Equal("gke_p_europe-west4-a_acme", GcloudArguments.ContextName("acme", "europe-west4-a", "p"));
        Assert.Equal(["auth", "list", "--format", "json", "--quiet"], GcloudArguments.AuthList());
        Assert.Equal(["version", "--format", "json"], GcloudArguments.Version());
    }

    [Fact]
    public void Kubectl_config_commands_only_edit_the_local_kubeconfig()
    {
        Assert.Equal(["config", "rename-context", "gke_p_z_c", "mx-c-dev"], KubectlArguments.RenameContext("gke_p_z_c", "mx-c-dev"));
        Assert.Equal(["config", "delete-context", "mx-c-dev"], KubectlArguments.DeleteContext("mx-c-dev"));
        Assert.Equal(["config", "get-contexts", "--output", "name"], KubectlArguments.ContextNames());
        Assert.Equal(["version", "--client", "--output", "json"], KubectlArguments.ClientVersion());
    }

    [Fact]
    public void Every_other_kubectl_command_names_its_context_and_namespace()
    {
        string[] scope = ["--context", "mx-c-dev", "--namespace", "training"];
        Assert.Equal([.. scope, "apply", "--filename", "-"], KubectlArguments.Apply("mx-c-dev", "training"));
        Assert.Equal([.. scope, "wait", "--for=create", "trainjob/j", "--timeout=10m"], KubectlArguments.WaitCreated("mx-c-dev", "training", "trainjob/j"));
        Assert.Equal([.. scope, "logs", "--follow", "job/j", "--pod-running-timeout=30m"], KubectlArguments.FollowLogs("mx-c-dev", "training", "job/j"));
        Assert.Equal([.. scope, "logs", "job/j", "--tail=20"], KubectlArguments.LastLogLines("mx-c-dev", "training", "job/j", 20));
        Assert.Equal([.. scope, "get", "pods", "--selector", "job-name=j", "--output", "jsonpath={.items[0].status.containerStatuses[0].state.terminated.exitCode}"],
            KubectlArguments.ExitCode("mx-c-dev", "training", "job-name=j"));
        Assert.Equal([.. scope, "get", "jobs", "--selector", "app.kubernetes.io/managed-by=mx", "--sort-by=.metadata.creationTimestamp"],
            KubectlArguments.ListManagedJobs("mx-c-dev", "training"));
        Assert.Equal([.. scope, "delete", "jobs.batch,trainjobs.trainer.kubeflow.org", "j", "--ignore-not-found", "--output=name"],
            KubectlArguments.Delete("mx-c-dev", "training", ["jobs.batch", "trainjobs.trainer.kubeflow.org"], "j"));
        Assert.Equal([.. scope, "get", "localqueues.kueue.x-k8s.io", "--output", "name"], KubectlArguments.Names("mx-c-dev", "training", "localqueues.kueue.x-k8s.io"));
        Assert.Equal(["--context", "mx-c-dev", "--namespace", "mlflow", "port-forward", "service/mlflow", "5001:5000"],
            KubectlArguments.PortForward("mx-c-dev", "mlflow", "service/mlflow", 5001, 5000));
    }

    [Fact]
    public void Kueue_reads_across_namespaces_name_their_context_and_ask_for_every_namespace_explicitly()
    {
        string[] scope = ["--context", "mx-c-dev", "--namespace", "team-a"];
        Assert.Equal(["--context", "mx-c-dev", "get", "clusterqueues.kueue.x-k8s.io,localqueues.kueue.x-k8s.io", "--all-namespaces", "--output", "json"],
            KubectlArguments.KueueQueues("mx-c-dev"));
        Assert.Equal(["--context", "mx-c-dev", "get", "workloads.kueue.x-k8s.io", "--all-namespaces", "--output", "json"], KubectlArguments.Workloads("mx-c-dev"));
        Assert.Equal([.. scope, "get", "workloads.kueue.x-k8s.io", "--output", "json"], KubectlArguments.Workloads("mx-c-dev", "team-a"));
        Assert.Equal(["--context", "mx-c-dev", "get", "--raw", "/apis/visibility.kueue.x-k8s.io/v1beta2/clusterqueues/l4-2/pendingworkloads"],
            KubectlArguments.PendingWorkloads("mx-c-dev", "l4-2"));
        Assert.Equal([.. scope, "label", "jobs.batch/j", "kueue.x-k8s.io/queue-name=l4-1", "--overwrite"],
            KubectlArguments.Label("mx-c-dev", "team-a", "jobs.batch/j", "kueue.x-k8s.io/queue-name", "l4-1"));
    }
}
